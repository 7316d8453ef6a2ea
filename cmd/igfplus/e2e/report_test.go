package e2e

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/igfplus/igfplus/deploy/localpg/pgtest"
)

// api sends a JSON request with a bearer token and decodes the answer into
// out (when not nil), failing unless the status is want.
func api(t *testing.T, n *node, method, path, token, body string, want int, out any) {
	t.Helper()
	var in any
	if body != "" {
		in = json.RawMessage(body)
	}
	code, data := apiDo(t, n, token, method, path, in)
	if code != want {
		t.Fatalf("%s %s: %d %s, want %d", method, path, code, data, want)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			t.Fatalf("%s %s: %v in %s", method, path, err, data)
		}
	}
}

// TestTheReportOfAScriptedSessionMatchesTheScript runs a session through
// the real server — people ask for the floor and speak, a point of order
// jumps the queue, a request is declined, questions are asked, upvoted and
// answered — with the times that the script fixes written into the record,
// and checks the published report, as JSON and as CSV, against the script.
func TestTheReportOfAScriptedSessionMatchesTheScript(t *testing.T) {
	c := newCluster(t)
	f := newForum(t, c)
	n := startNode(t, c)
	db := openDB(t, c)
	sql := func(q string, args ...any) {
		t.Helper()
		pgtest.Exec(t, db, q, args...)
	}
	session := f.Session
	sid := strconv.FormatInt(session, 10)
	base := "/api/sessions/" + sid
	// The test's own people: the fixture's moderator (civil_society,
	// latin_american_caribbean), a rapporteur of the session, and four
	// participants whose groups, regions and genders the report counts.
	person := func(name, group, region, gender string) string {
		t.Helper()
		p := f.Person(t, name, group, region)
		sql(`UPDATE accounts SET gender = $2 WHERE id = $1`, p.ID, gender)
		return signInAs(t, n, p)
	}
	sql(`UPDATE accounts SET gender = 'woman' WHERE id = $1`, f.Moderator.ID)
	moderator := signInAs(t, n, f.Moderator)
	rapporteurP := f.Person(t, "Maria Ressa-Lind", "private_sector", "western_european_others")
	f.Role(t, session, rapporteurP, "rapporteur")
	rapporteur := signInAs(t, n, rapporteurP)
	amina := person("Amina Yusuf", "civil_society", "african", "woman")
	rajesh := person("Rajesh Iyer", "academia", "asia_pacific", "")
	sophie := person("Sophie Martin", "private_sector", "western_european_others", "")
	tomasz := person("Tomasz Kowalski", "government", "eastern_european", "man")
	id := map[string]int64{}
	for name, tok := range map[string]string{"amina": amina, "rajesh": rajesh, "sophie": sophie, "tomasz": tomasz, "lucia": moderator} {
		id[name] = accountID(t, n, tok)
	}

	// The floor.
	type floor struct {
		Queue []struct {
			ID        int64 `json:"id"`
			AccountID int64 `json:"account_id"`
		} `json:"queue"`
	}
	var fl floor
	api(t, n, "POST", base+"/floor", amina, `{"mode":"onsite"}`, 201, nil)
	api(t, n, "POST", base+"/floor", rajesh, `{"mode":"remote_hub"}`, 201, nil)
	api(t, n, "POST", base+"/floor", tomasz, `{"mode":"online"}`, 201, nil)
	api(t, n, "POST", base+"/floor", sophie, `{"mode":"online","point_of_order":true}`, 201, &fl)
	if len(fl.Queue) != 4 || fl.Queue[0].AccountID != id["sophie"] {
		t.Fatalf("queue %+v: the point of order first", fl.Queue)
	}
	req := map[string]int64{}
	for _, q := range fl.Queue {
		req[strconv.FormatInt(q.AccountID, 10)] = q.ID
	}
	turn := func(who string) int64 {
		r := req[strconv.FormatInt(id[who], 10)]
		api(t, n, "POST", fmt.Sprintf("%s/floor/%d/grant", base, r), moderator, "", 200, nil)
		api(t, n, "POST", fmt.Sprintf("%s/floor/%d/end", base, r), moderator, "", 200, nil)
		return r
	}
	sophieTurn, aminaTurn, rajeshTurn := turn("sophie"), turn("amina"), turn("rajesh")
	api(t, n, "POST", fmt.Sprintf("%s/floor/%d/decline", base, req[strconv.FormatInt(id["tomasz"], 10)]), moderator, "", 200, nil)
	api(t, n, "POST", base+"/floor", amina, `{"mode":"onsite"}`, 201, &fl)
	req[strconv.FormatInt(id["amina"], 10)] = fl.Queue[0].ID
	aminaAgain := turn("amina")

	// Questions.
	var q1, q2 struct{ ID int64 }
	api(t, n, "POST", base+"/questions", rajesh, `{"body":"Who pays for the last mile?","anonymous":true}`, 201, &q1)
	api(t, n, "POST", base+"/questions", amina, `{"body":"How do we measure meaningful access?"}`, 201, &q2)
	api(t, n, "POST", fmt.Sprintf("%s/questions/%d/votes", base, q1.ID), amina, "", 200, nil)
	api(t, n, "POST", fmt.Sprintf("%s/questions/%d/votes", base, q1.ID), sophie, "", 200, nil)
	api(t, n, "POST", fmt.Sprintf("%s/questions/%d/votes", base, q2.ID), rajesh, "", 200, nil)
	api(t, n, "PATCH", fmt.Sprintf("%s/questions/%d", base, q1.ID), moderator, `{"answered":true}`, 200, nil)

	// The session ends; the record's times are the script's.
	api(t, n, "POST", base+"/state", moderator, `{"state":"ended"}`, 200, nil)
	api(t, n, "GET", base+"/report", amina, "", 403, nil)
	sql(`UPDATE sessions SET title = 'Scripted session', starts_at = '2026-11-23T10:00:00Z', ends_at = '2026-11-23T11:30:00Z' WHERE id = $1`, session)
	sql(`UPDATE session_reports SET ended_at = '2026-11-23T11:30:00Z' WHERE session_id = $1`, session)
	for r, secs := range map[int64]int{sophieTurn: 30, aminaTurn: 100, rajeshTurn: 90, aminaAgain: 50} {
		sql(`UPDATE floor_requests SET granted_at = '2026-11-23T10:30:00Z', ended_at = '2026-11-23T10:30:00Z'::timestamptz + $2 * interval '1 second',
			speaking_seconds = $2 WHERE id = $1`, r, secs)
	}
	sql(`UPDATE questions SET created_at = '2026-11-23T10:45:00Z' WHERE session_id = $1`, session)
	// Attendance: stretches of presence; Rajesh came back and is still
	// there at the end, Sophie left after it (no leave), the moderator
	// never left.
	for _, a := range []struct {
		who        string
		from, till string
	}{
		{"amina", "10:00", "11:00"}, {"rajesh", "10:05", "10:30"}, {"rajesh", "10:40", ""},
		{"sophie", "10:10", "11:45"}, {"tomasz", "10:20", "10:50"}, {"lucia", "09:55", ""},
	} {
		var left any
		if a.till != "" {
			left = "2026-11-23T" + a.till + ":00Z"
		}
		sql(`INSERT INTO attendance (session_id, account_id, node, joined_at, left_at) VALUES ($1, $2, 'scripted', $3, $4)`,
			session, id[a.who], "2026-11-23T"+a.from+":00Z", left)
	}
	sql(`INSERT INTO reaction_counts (session_id, kind, second, count) VALUES ($1, 'applause', '2026-11-23T10:31:00Z', 7), ($1, 'agree', '2026-11-23T10:32:00Z', 3)`, session)

	// The rapporteur completes and publishes the report.
	api(t, n, "PATCH", base+"/report", amina, `{"key_takeaways":"mine"}`, 403, nil)
	api(t, n, "PUT", base+"/report", rapporteur, `{"key_takeaways":"Affordable access needs community networks."}`, 200, nil)
	api(t, n, "PATCH", base+"/report", rapporteur, `{"calls_to_action":"Fund community networks by 2027.","publish":true}`, 200, nil)
	sql(`UPDATE session_reports SET updated_at = '2026-11-23T12:00:00Z' WHERE session_id = $1`, session)

	want := fmt.Sprintf(`{"session_id":%[1]d,"title":"Scripted session","state":"reported",
	 "starts_at":"2026-11-23T10:00:00Z","ended_at":"2026-11-23T11:30:00Z",
	 "attendance":{"total":5,"joins":6,"leaves":3,
	   "by_group":{"academia":"<5","civil_society":"<5","government":"<5","private_sector":"<5"},
	   "by_region":{"african":"<5","asia_pacific":"<5","eastern_european":"<5","latin_american_caribbean":"<5","western_european_others":"<5"},
	   "by_gender":{"man":"<5","not_stated":"<5","woman":"<5"}},
	 "speaking":{"total_seconds":270,"speakers":[
	   {"account_id":%[2]d,"name":"Amina Yusuf","stakeholder_group":"civil_society","region":"african","turns":2,"seconds":150},
	   {"account_id":%[3]d,"name":"Rajesh Iyer","stakeholder_group":"academia","region":"asia_pacific","turns":1,"seconds":90},
	   {"account_id":%[4]d,"name":"Sophie Martin","stakeholder_group":"private_sector","region":"western_european_others","turns":1,"seconds":30}],
	   "by_group":{"civil_society":{"speakers":1,"seconds":150},"academia":{"speakers":1,"seconds":90},"private_sector":{"speakers":1,"seconds":30}},
	   "by_region":{"african":{"speakers":1,"seconds":150},"asia_pacific":{"speakers":1,"seconds":90},"western_european_others":{"speakers":1,"seconds":30}},
	   "by_gender":{"woman":{"speakers":"<5","seconds":null},"not_stated":{"speakers":"<5","seconds":null}}},
	 "questions":[
	   {"id":%[5]d,"session_id":%[1]d,"body":"Who pays for the last mile?","anonymous":true,"votes":2,"pinned":false,"answered":true,"created_at":"2026-11-23T10:45:00Z"},
	   {"id":%[6]d,"session_id":%[1]d,"body":"How do we measure meaningful access?","anonymous":false,"author_id":%[2]d,"author_name":"Amina Yusuf","votes":1,"pinned":false,"answered":false,"created_at":"2026-11-23T10:45:00Z"}],
	 "polls":[],"reactions":{"applause":7,"agree":3,"disagree":0},
	 "key_takeaways":"Affordable access needs community networks.","calls_to_action":"Fund community networks by 2027.",
	 "updated_at":"2026-11-23T12:00:00Z"}`, session, id["amina"], id["rajesh"], id["sophie"], q1.ID, q2.ID)
	var gotJSON, wantJSON any
	api(t, n, "GET", base+"/report", "", "", 200, &gotJSON) // published: anyone may read it
	if err := json.Unmarshal([]byte(want), &wantJSON); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotJSON, wantJSON) {
		got, _ := json.Marshal(gotJSON)
		exp, _ := json.Marshal(wantJSON)
		t.Errorf("report JSON\n got  %s\n want %s", got, exp)
	}

	wantCSV := fmt.Sprintf(`section,key,label,stakeholder_group,region,count,seconds,votes,answered,text
session,id,,,,,,,,%[1]d
session,title,,,,,,,,Scripted session
session,state,,,,,,,,reported
session,starts_at,,,,,,,,2026-11-23T10:00:00Z
session,ended_at,,,,,,,,2026-11-23T11:30:00Z
attendance,total,,,,5,,,,
attendance,joins,,,,6,,,,
attendance,leaves,,,,3,,,,
attendance_by_group,academia,,,,<5,,,,
attendance_by_group,civil_society,,,,<5,,,,
attendance_by_group,government,,,,<5,,,,
attendance_by_group,private_sector,,,,<5,,,,
attendance_by_region,african,,,,<5,,,,
attendance_by_region,asia_pacific,,,,<5,,,,
attendance_by_region,eastern_european,,,,<5,,,,
attendance_by_region,latin_american_caribbean,,,,<5,,,,
attendance_by_region,western_european_others,,,,<5,,,,
attendance_by_gender,man,,,,<5,,,,
attendance_by_gender,not_stated,,,,<5,,,,
attendance_by_gender,woman,,,,<5,,,,
speaking,total,,,,,270,,,
speaker,%[2]d,Amina Yusuf,civil_society,african,2,150,,,
speaker,%[3]d,Rajesh Iyer,academia,asia_pacific,1,90,,,
speaker,%[4]d,Sophie Martin,private_sector,western_european_others,1,30,,,
speaking_by_group,academia,,,,1,90,,,
speaking_by_group,civil_society,,,,1,150,,,
speaking_by_group,private_sector,,,,1,30,,,
speaking_by_region,african,,,,1,150,,,
speaking_by_region,asia_pacific,,,,1,90,,,
speaking_by_region,western_european_others,,,,1,30,,,
speaking_by_gender,not_stated,,,,<5,,,,
speaking_by_gender,woman,,,,<5,,,,
question,%[5]d,,,,,,2,true,Who pays for the last mile?
question,%[6]d,Amina Yusuf,,,,,1,false,How do we measure meaningful access?
reactions,agree,,,,3,,,,
reactions,applause,,,,7,,,,
reactions,disagree,,,,0,,,,
report,key_takeaways,,,,,,,,Affordable access needs community networks.
report,calls_to_action,,,,,,,,Fund community networks by 2027.
`, session, id["amina"], id["rajesh"], id["sophie"], q1.ID, q2.ID)
	resp, err := http.Get(n.URL + base + "/report.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	gotCSV, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
		t.Errorf("Content-Type %q, want text/csv", ct)
	}
	if string(gotCSV) != wantCSV {
		t.Errorf("report CSV\n got:\n%s\n want:\n%s", gotCSV, wantCSV)
	}
}
