// The Q&A list, kept in order from question.changed events (each carries
// one whole question) with the server's markup (pages panels.html
// "questions") and order (pages live.go questionsOf): pinned first,
// answered last, then by supporters and age. A merged duplicate leaves the
// list: its supporters count on the question it joined, and so does a
// question a moderator hid. A question held for review reaches the room
// only once let through; its author sees it meanwhile, marked as waiting.

import { ActFactory, byId, el, holdFocus } from "./dom";
import { isObj } from "./protocol";
import { Translate, nameOf } from "./strings";

export interface Question {
  id: number;
  body: string;
  anonymous: boolean;
  author_name: string;
  votes: number;
  pinned: boolean;
  answered: boolean;
  merged_into: number;
  hidden: boolean;
  held: boolean;
}

/** Narrows the data of a question.changed event. */
export function asQuestion(q: unknown): Question | null {
  if (!isObj(q) || typeof q.id !== "number" || typeof q.body !== "string") return null;
  return {
    id: q.id,
    body: q.body,
    anonymous: q.anonymous === true,
    author_name: String(q.author_name ?? ""),
    votes: Number(q.votes) || 0,
    pinned: q.pinned === true,
    answered: q.answered === true,
    merged_into: Number(q.merged_into) || 0,
    hidden: q.hidden === true,
    held: q.held === true,
  };
}

/** The sort key of a list item, from its data attributes. */
function key(li: HTMLElement): [number, number, number] {
  const d = li.dataset;
  const rank = d.pinned === "true" ? 0 : d.answered === "true" ? 2 : 1;
  return [rank, -Number(d.votes), Number(li.id.slice(2))];
}

function before(a: HTMLElement, b: HTMLElement): boolean {
  const x = key(a);
  const y = key(b);
  return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
}

export class QuestionList {
  constructor(
    private readonly t: Translate,
    private readonly plural: (key: string, n: number) => string,
    private readonly act: ActFactory,
    private readonly moderator: boolean,
    private readonly open: boolean,
    private readonly voted: Set<number>,
  ) {
    for (const id of voted) document.querySelector(`#q-${id} [aria-pressed]`)?.setAttribute("aria-pressed", "true");
  }

  /** Marks question id as supported by the viewer. */
  supported(id: number): void {
    this.voted.add(id);
    document.querySelector(`#q-${id} [aria-pressed]`)?.setAttribute("aria-pressed", "true");
  }

  apply(q: Question): void {
    const list = byId("qa-list");
    if (!list) return;
    const old = byId("q-" + q.id);
    // Moderators' pages name the authors of anonymous questions, which
    // events do not carry: keep the name the page had.
    const author = q.anonymous && this.moderator ? old?.querySelector(".author")?.textContent : null;
    const restore = holdFocus(list, "id", () => byId("qa-h"));
    old?.remove();
    if (!q.merged_into && !q.hidden) {
      const li = this.item(q, author);
      let next: Element | null = list.firstElementChild;
      while (next instanceof HTMLElement && !before(li, next)) next = next.nextElementSibling;
      list.insertBefore(li, next);
    }
    restore();
    const empty = byId("qa-empty");
    if (empty) empty.hidden = list.children.length > 0;
  }

  private item(q: Question, author: string | null | undefined): HTMLElement {
    const t = this.t;
    const li = el("li", "q" + (q.pinned ? " pinned" : "") + (q.answered ? " answered" : ""));
    li.id = "q-" + q.id;
    li.dataset.votes = String(q.votes);
    li.dataset.pinned = String(q.pinned);
    li.dataset.answered = String(q.answered);
    const body = el("p", "body", q.body);
    body.dir = "auto";
    body.id = "q-" + q.id + "-body"; // what its alike buttons are about
    const meta = el("p", "meta");
    if (this.moderator) meta.append(el("span", "qid", t("client.mod.qa_number", { n: q.id })), " · ");
    const who = el("span", "author");
    if (author) who.textContent = author;
    else if (q.anonymous) who.textContent = t("client.qa.anonymous");
    else who.append(el("bdi", "", nameOf(t, q.author_name)));
    meta.append(who, " · ", el("span", "votes", this.plural("client.qa.votes", q.votes)));
    if (q.pinned) meta.append(" ", el("span", "badge", t("client.qa.pinned")));
    if (q.answered) meta.append(" ", el("span", "badge done", t("client.qa.answered")));
    if (q.held) meta.append(" ", el("span", "badge waiting", t("client.qa.waiting")));
    li.append(body, meta);
    const act = this.act;
    if (this.moderator) {
      const c = el("div", "controls");
      c.append(
        act(q.pinned ? "client.mod.qa_unpin" : "client.mod.qa_pin", "question.change", { question_id: q.id, pinned: String(!q.pinned) }, undefined, body.id),
        act(q.answered ? "client.mod.qa_reopen" : "client.mod.qa_answer", "question.change", { question_id: q.id, answered: String(!q.answered) }, undefined, body.id),
      );
      li.append(c, this.merge(q.id), this.hide(q.id));
    } else if (this.open && !q.held) {
      li.append(act("client.qa.upvote", "question.upvote", { question_id: q.id }, this.voted.has(q.id), body.id));
    }
    return li;
  }

  /** A question's hide form, its reason optional (pages "qa-hide"). */
  private hide(id: number): HTMLFormElement {
    const f = this.act("client.mod.qa_hide", "question.hide", { question_id: id });
    const input = this.withInput(f, "hide", id, "client.mod.confirm.reason", "reason");
    input.maxLength = 500;
    input.dir = "auto";
    input.autocomplete = "off";
    return f;
  }

  /** A question's merge form: the number of the question it repeats. */
  private merge(id: number): HTMLFormElement {
    const f = this.act("client.mod.qa_merge", "question.change", { question_id: id });
    const input = this.withInput(f, "merge", id, "client.mod.qa_merge_label", "merged_into");
    input.type = "number";
    input.min = "1";
    input.required = true;
    input.inputMode = "numeric";
    return f;
  }

  /**
   * Puts an input named name, with its label (the catalogue's key label),
   * before the button of f, question id's form of kind ("hide", "merge"):
   * the form's class becomes "act kind", the input's id "kind-id".
   */
  private withInput(f: HTMLFormElement, kind: string, id: number, label: string, name: string): HTMLInputElement {
    const l = el("label", "", this.t(label));
    const input = el("input");
    input.id = l.htmlFor = kind + "-" + id;
    input.name = name;
    f.className = "act " + kind;
    f.insertBefore(input, f.lastChild);
    f.insertBefore(l, input);
    return input;
  }
}
