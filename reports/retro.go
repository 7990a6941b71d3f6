package reports

import (
	"fmt"
	"strings"
	"time"

	"sibu/flows/retro"
)

// retroText is the 复盘's text: 宋体 小四 (12 pt), lines of 1.25.
var retroText = PStyle{Font: FontSong, Size: 24, After: 60, Line: 300, LineAuto: true}

// retroWidths are the template's columns: 复盘四步法, the step, the box,
// the text (dxa, an A4 page's width between margins).
var retroWidths = []int{900, 1500, 1900, 4544}

// RetroDOCX renders a 复盘 as the seed's 工作复盘模板 laid out in Word: a
// table whose head rows are 复盘事件概述, 参与人员, 时间 and 地点, then the
// four steps (一、回顾目标 … 四、总结经验) in a column merged down the side
// ("复盘四步法"), each with its boxes and their final text (retro.Retro.Text:
// the facilitator's edit, else the contributions). A line under it says who
// ran it, how many contributed and when it was made. Pure: no I/O.
func RetroDOCX(r retro.Retro, cs []retro.Contribution, now time.Time, loc *time.Location) ([]byte, error) {
	d := NewDocx("工作复盘：" + r.Title)
	d.Para("工作复盘", PStyle{Align: "center", Font: FontSong, Size: 32, Bold: true, After: 60, Line: 300, LineAuto: true})
	names := make([]string, len(r.People))
	for i, p := range r.People {
		names[i] = p.Name
	}
	head := func(label, text string) []Cell {
		return []Cell{{Text: label, Span: 3, Bold: true, Center: true}, {Text: text}}
	}
	rows := [][]Cell{
		head("复盘事件概述", r.Title),
		head("参与人员", strings.Join(names, "、")),
		head("时间", r.Date),
		head("地点", r.Place),
	}
	first := true
	for _, s := range retro.Stages {
		for i, f := range s.Fields {
			side, step := Cell{Merge: "cont"}, Cell{Merge: "cont"}
			if first {
				side = Cell{Text: "复\n盘\n四\n步\n法", Merge: "start", Bold: true, Center: true}
				first = false
			}
			if i == 0 {
				step = Cell{Text: s.Title, Merge: "start", Bold: true, Center: true}
			}
			rows = append(rows, []Cell{side, step, {Text: retro.Labels[f], Center: true}, {Text: r.Text(f, cs)}})
		}
	}
	d.Table(retroWidths, rows, retroText)
	state := "进行中（草稿）"
	if r.Status == retro.StatusClosed {
		state = "已结束"
	}
	d.Para(fmt.Sprintf("组织：%s　已提交：%d / %d 人　状态：%s　生成时间：%s", r.ByName, len(cs), len(r.People),
		state, now.In(loc).Format("2006-01-02 15:04")), retroText)
	return d.Bytes()
}
