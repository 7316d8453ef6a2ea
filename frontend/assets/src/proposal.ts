// The proposal form's client (proposal.js, loaded by the proposal form):
// it counts the speakers as they are written, by stakeholder group, region
// and gender, into the diversity counts the server rendered for the draft
// (a polite live region). Without it the counts follow each save.

/** Each speaker row's named selects, by the counts' dimension. */
const dimensions: Record<string, string> = { group: "speaker_group_", region: "speaker_region_", gender: "speaker_gender_" };

function recount(form: HTMLFormElement): void {
  const counts: Record<string, Record<string, number>> = { group: {}, region: {}, gender: {} };
  form.querySelectorAll<HTMLFieldSetElement>("fieldset[data-speaker]").forEach((row) => {
    const i = row.dataset.speaker ?? "";
    const name = form.elements.namedItem("speaker_name_" + i);
    if (!(name instanceof HTMLInputElement) || name.value.trim() === "") {
      return;
    }
    for (const dim of Object.keys(dimensions)) {
      const sel = form.elements.namedItem(dimensions[dim] + i);
      const tally = counts[dim];
      if (sel instanceof HTMLSelectElement && tally) {
        tally[sel.value] = (tally[sel.value] ?? 0) + 1;
      }
    }
  });
  document.querySelectorAll<HTMLElement>("#diversity-counts ul[data-dimension]").forEach((list) => {
    const dim = list.dataset.dimension ?? "";
    list.querySelectorAll<HTMLElement>("li[data-value]").forEach((li) => {
      const span = li.querySelector(".count");
      const n = String((counts[dim] || {})[li.dataset.value || ""] || 0);
      if (span && span.textContent !== n) {
        span.textContent = n;
      }
    });
  });
}

const form = document.getElementById("proposal-form");
if (form instanceof HTMLFormElement) {
  form.addEventListener("input", () => recount(form));
  form.addEventListener("change", () => recount(form));
}
