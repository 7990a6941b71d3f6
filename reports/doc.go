// Package reports renders questionnaire results for officials: a PNG bar
// chart per question (sent by /stats as a photo) and the table of responses
// as XLSX and CSV (sent by /export); the 台账, talk and commitment ledgers;
// a research campaign's dashboard chart (ResearchChartPNG) and its 意见台账
// (OpinionsXLSX); and two Word documents written by one writer (Docx,
// minimal WordprocessingML zipped with archive/zip, docx.go): a 复盘 as the
// 工作复盘模板 (RetroDOCX) and a campaign's 调研报告 (DOCX).
//
// Every function here is pure: it takes the survey definition, the response
// rows or the per-question counts that the caller has already loaded, and
// returns bytes. Nothing talks to Redis or Telegram, and the package keeps no
// state between calls. Anonymity is the caller's data plus one rule enforced
// here: for an anonymous questionnaire (Campaign.Anonymous) the exported
// tables carry no identity columns at all. Hiding results of groups below
// the minimum size is the caller's job, before it calls these functions.
//
// Chinese text is drawn with WenQuanYi Micro Hei, embedded in the binary
// (see fonts/README.md), so charts render on hosts without any fonts.
//
//	img, err := reports.ChartPNG(sv.Title, stats, reports.ChartOptions{
//		Subtitle: "回收 5390/5500 份（98.0%）",
//	})
//	xlsx, err := reports.XLSX(sv, rows, stats)
//	csv, err := reports.CSV(sv, rows)
package reports
