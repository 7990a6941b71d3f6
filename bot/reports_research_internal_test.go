package bot

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sibu/flows"
	"sibu/flows/kit"
	"sibu/flows/research"
	"sibu/flows/survey"
	"sibu/flows/talk"
	"sibu/internal/redistest"
	"sibu/playground"
	"sibu/reports"
	"sibu/storage"
)

var updateDocs = flag.Bool("update", false, "write the README's pictures docs/research-dashboard.png and docs/research-report.png")

// researchNow is the clock of the research report test (10:00 in Shanghai).
var researchNow = time.Date(2026, 11, 25, 2, 0, 0, 0, time.UTC)

var researchLoc = time.FixedZone("CST", 8*3600)

// researchUnits are config.example.yaml's units.
var researchUnits = []kit.Unit{{ID: "root", Name: "通川区委组织部"}, {ID: "dongcheng", Name: "东城街道党工委", Parent: "root"},
	{ID: "dc-b1", Name: "东城街道第一党支部", Parent: "dongcheng"}, {ID: "beiwai", Name: "北外镇党委", Parent: "root"}}

const researchSurvey = `{"campaign": {"units": ["root"], "satisfied": {"question": "overall", "values": ["满意"]}},
  "survey": {"title": "乡镇领导班子满意度调查", "elements": [
    {"type": "radiogroup", "name": "overall", "title": "总体评价", "isRequired": true, "choices": ["满意", "不满意"]},
    {"type": "comment", "name": "advice", "title": "意见和建议"}]}}`

// researchBot is a bot over a real Redis with the demo campaign hj2026:
// the playground's meetings, visits and opinions, a questionnaire issued to
// six and answered by three, a talk round of four with two talked with.
func researchBot(t *testing.T) *Bot {
	t.Helper()
	sv, err := survey.Parse("demo", []byte(researchSurvey), researchLoc)
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, researchLoc)
	c := &research.Campaign{ID: "hj2026", Title: "2026年乡镇换届大调研", Units: []string{"dongcheng", "beiwai"}, From: from,
		To: from.AddDate(0, 2, -1), Targets: research.Targets{Meetings: 1, Surveys: []string{"demo"}, Responses: 5, Visits: 2, Rounds: []string{"hj"}}}
	engine := flows.NewEngine(flows.Env{Env: kit.Env{Units: researchUnits, Root: "root", Admins: map[int64]bool{10001: true},
		Location: researchLoc}, Surveys: map[string]*survey.Survey{"demo": sv},
		Research: research.Settings{Campaigns: map[string]*research.Campaign{"hj2026": c}}})
	rdb, prefix := redistest.Client(t)
	store := storage.New(rdb, prefix, storage.Options{Units: researchUnits, Root: "root", Now: func() time.Time { return researchNow }})
	commit := func(effs ...kit.Effect) {
		t.Helper()
		if _, err := store.Commit(context.Background(), storage.Commit{ChatID: 10001, NoSession: true, Now: researchNow, Effects: effs}); err != nil {
			t.Fatal(err)
		}
	}
	for _, effs := range playground.ResearchDemo(c, researchNow, researchLoc) {
		commit(effs...)
	}
	people, units := []int64{10002, 10003, 10004, 10005, 10006, 10007}, []string{"dc-b1", "dc-b1", "dc-b1", "beiwai", "beiwai", "beiwai"}
	commit(survey.Opened{SurveyID: "demo", Version: sv.Version, By: 10001, Issued: people, Units: units})
	for i, a := range []string{"满意", "满意", "不满意"} {
		commit(survey.ResponseSubmitted{SurveyID: "demo", Version: sv.Version, Respondent: people[i*2], Unit: units[i*2],
			Answers: map[string]any{"overall": a, "advice": fmt.Sprintf("第 %d 条问卷意见：选举要公开透明", i+1)},
			At:      researchNow, Satisfied: a == "满意", SatisfiedAnswered: true, Tallies: []string{"#overall", "overall\x1f" + a}})
	}
	round := talk.Round{ID: "hj", Title: "换届谈心谈话", Units: []string{"dongcheng", "beiwai"}, Deadline: researchNow.AddDate(0, 0, 10)}
	var entries []talk.Entry
	for i, u := range []int64{10003, 10004, 10005, 10006} {
		entries = append(entries, talk.Entry{Round: "hj", User: u, Name: fmt.Sprint("p", u), Unit: units[i+1], Interviewer: 10002, Status: talk.EntryPending})
	}
	commit(talk.RoundOpened{Round: round, By: 10001}, talk.Invited{Round: "hj", Entries: entries})
	for i, how := range []string{talk.ModeFace, talk.ModePhone} {
		after := entries[i]
		after.Status, after.How, after.DoneAt, after.DoneBy, after.Summary, after.Rev = talk.EntryDone, how, researchNow, 10002, "家里老人看病难", 1
		commit(talk.Completed{Change: talk.Change{Before: entries[i], After: after, By: 10002}})
	}
	return &Bot{engine: engine, store: store, opt: Options{Now: func() time.Time { return researchNow }}}
}

// docxParagraphs reopens a DOCX and returns the text of its paragraphs
// (a table's cells are paragraphs too), in order.
func docxParagraphs(t *testing.T, data []byte) []string {
	t.Helper()
	z, err := zip.NewReader(strings.NewReader(string(data)), int64(len(data)))
	if err != nil {
		t.Fatalf("reopen the DOCX: %v", err)
	}
	f, err := z.Open("word/document.xml")
	if err != nil {
		t.Fatalf("reopen the DOCX: %v", err)
	}
	defer f.Close()
	var out []string
	var cur strings.Builder
	dec := xml.NewDecoder(f)
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("document.xml: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			inText = tk.Name.Local == "t"
		case xml.EndElement:
			inText = false
			if tk.Name.Local == "p" {
				out, cur = append(out, cur.String()), strings.Builder{}
			}
		case xml.CharData:
			if inText {
				cur.Write(tk)
			}
		}
	}
}

// TestResearchReportDOCX renders the 调研报告 of the demo campaign as /report
// asks it (questionnaire comments and talk summaries imported first),
// reopens the DOCX and checks its headings and its figures against the
// stored counters.
func TestResearchReportDOCX(t *testing.T) {
	b := researchBot(t)
	ctx := context.Background()
	dir := b.store.Directory(ctx)
	in := kit.Input{Kind: kit.InputCommand, Command: "report", ChatID: 10001, UserID: 10001, Private: true}
	res, err := b.engine.Step(flows.Session{}, in, researchNow, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.store.Commit(ctx, storage.Commit{ChatID: 10001, NoSession: true, Now: researchNow, Effects: res.Effects}); err != nil {
		t.Fatal(err)
	}
	out := res.Outputs[len(res.Outputs)-1]
	if out.Kind != kit.OutReport || out.Report != research.ReportDOCX {
		t.Fatalf("/report: %+v; want the report last", res.Outputs)
	}
	files, err := b.researchReport(ctx, out)
	if err != nil || len(files) != 1 || !strings.HasSuffix(files[0].name, ".docx") {
		t.Fatalf("render: %v %+v", err, files)
	}
	paras := docxParagraphs(t, files[0].data)
	text := strings.Join(paras, "\n")
	last := -1
	for _, h := range []string{"关于“2026年乡镇换届大调研”情况的调研报告", research.HeadBasics, research.HeadOpinions,
		research.HeadProblems, research.HeadNext, research.HeadAppendix} {
		i := indexOf(paras, h)
		if i <= last {
			t.Errorf("heading %q at %d, after %d: want every heading once, in order", h, i, last)
		}
		last = i
	}
	want := researchCounters(t, b)
	for _, s := range want {
		if !strings.Contains(text, s) {
			t.Errorf("the report lacks %q (from the counters)", s)
		}
	}
	if strings.Contains(text, "（谈心谈话，") {
		t.Errorf("a talk summary is quoted with its unit:\n%s", text)
	}
	if t.Failed() {
		t.Logf("the report:\n%s", text)
	}
	writePictures(t, b, files[0].data)
}

// indexOf is the index of the first paragraph equal to s (-1 if none).
func indexOf(paras []string, s string) int {
	for i, p := range paras {
		if p == s {
			return i
		}
	}
	return -1
}

// researchCounters reads the campaign's counters from the store and writes
// the figures the report must state: meetings, visits, questionnaire,
// talks, the opinions gathered and the appendix's total row.
func researchCounters(t *testing.T, b *Bot) []string {
	t.Helper()
	ctx := context.Background()
	dir := b.store.Directory(ctx)
	env := b.engine.Env()
	var units []string
	for _, u := range []string{"dongcheng", "beiwai"} {
		units = append(units, env.SubUnits(u)...)
	}
	counts, err := dir.ResearchCounts(units)
	if err != nil {
		t.Fatal(err)
	}
	sum := map[string]int64{}
	for _, m := range counts {
		for field, n := range m {
			kind, _, _ := strings.Cut(field, "|")
			sum[kind] += n
		}
	}
	stats, _ := dir.Stats("demo")
	cov, _ := dir.TalkCoverage("hj")
	all, _ := dir.OpinionsIn(env.SubUnits("root"), true)
	if sum["meeting"] != 3 || sum["meeting_people"] != 63 || sum["visit"] != 3 || stats.Submitted != 3 || cov.Done() != 2 {
		t.Fatalf("counters %v, %d submitted, %d talked with: not the demo's", sum, stats.Submitted, cov.Done())
	}
	return []string{
		fmt.Sprintf("召开情况汇报会、座谈会等 %d 次，群众参与 %d 人次", sum["meeting"], sum["meeting_people"]),
		fmt.Sprintf("发放调查问卷 %d 份，回收 %d 份（回收率 %s）", stats.Issued, stats.Submitted, kit.Percent(stats.Submitted, stats.Issued)),
		fmt.Sprintf("满意率 %s（满意 %d / 作答该题 %d）", kit.Percent(stats.Satisfied, stats.SatisfiedAnswered), stats.Satisfied, stats.SatisfiedAnswered),
		fmt.Sprintf("走访 %d 次，面对面交谈 %d 人次", sum["visit"], sum["visit_people"]),
		fmt.Sprintf("交心谈话 %d 人，覆盖率 %s（已谈 %d / 应谈 %d）", cov.Done(), kit.Percent(cov.Done(), cov.Due()), cov.Done(), cov.Due()),
		fmt.Sprintf("“电话约谈”%d 人", cov.Buckets[talk.BucketDonePhone]),
		fmt.Sprintf("共收集意见建议 %d 条", len(all)),
		fmt.Sprintf("合计\n%d\n%d\n%d\n%d", sum["meeting"], sum["meeting_people"], stats.Issued, stats.Submitted),
	}
}

// writePictures renders the dashboard chart and the report's first page
// (LibreOffice from Debian's packages, then pdftoppm) to $SIBU_ARTIFACTS,
// and with -update to docs/ for the README; without LibreOffice the page is
// skipped, saying why.
func writePictures(t *testing.T, b *Bot, docx []byte) {
	t.Helper()
	fig, err := b.researchFigures(context.Background(), kit.Output{Report: research.ReportChart, SurveyID: "hj2026"})
	if err != nil {
		t.Fatal(err)
	}
	env := b.engine.Env()
	chart, err := reports.ResearchChartPNG(fig, env.UnitName, reports.ChartOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := os.Getenv("SIBU_ARTIFACTS")
	if out == "" {
		out = filepath.Join(os.TempDir(), "sibu-research")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	save := func(name string, data []byte) {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if *updateDocs {
			if err := os.WriteFile(filepath.Join("..", "docs", name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	save("research-dashboard.png", chart)
	page, why := firstPage(t, docx)
	if page == nil {
		t.Skipf("the report's first page is not rendered: %s", why)
	}
	save("research-report.png", page)
}

// firstPage renders a DOCX's first page as PNG with LibreOffice and
// pdftoppm; nil and why when either is missing or fails.
func firstPage(t *testing.T, docx []byte) ([]byte, string) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		return nil, "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
	}
	pdftoppm, err := exec.LookPath("pdftoppm")
	if err != nil {
		return nil, "pdftoppm is not installed: apt-get install poppler-utils"
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "report.docx")
	if err := os.WriteFile(src, docx, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "pdf", "--outdir", dir, src)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Sprintf("soffice failed: %v: %s", err, msg)
	}
	if msg, err := exec.CommandContext(ctx, pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile",
		filepath.Join(dir, "report.pdf"), filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		return nil, fmt.Sprintf("pdftoppm failed: %v: %s", err, msg)
	}
	png, err := os.ReadFile(filepath.Join(dir, "page.png"))
	if err != nil {
		return nil, err.Error()
	}
	return png, ""
}
