package reports_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"sibu/flows/talk"
	"sibu/reports"
)

// xlsxOf builds a workbook whose first sheet holds rows (and a second
// sheet that must be ignored).
func xlsxOf(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &row); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.NewSheet("其他"); err != nil {
		t.Fatal(err)
	}
	f.SetCellValue("其他", "A1", "姓名")
	f.SetCellValue("其他", "A2", "不该读到")
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gbk(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func rowsString(rows []talk.RosterRow) string {
	var parts []string
	for _, r := range rows {
		p := fmt.Sprintf("%d:%s/%s/%s", r.Line, r.Name, r.Unit, r.Phone)
		if r.Group != "" {
			p += "/" + r.Group
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestParseTalkRoster(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		data    func(t *testing.T) []byte
		want    string
		problem talk.RosterProblem
	}{
		{"csv with BOM and header", "名单.csv", func(*testing.T) []byte {
			return []byte("\ufeff姓名,单位,电话\n张三,第一支部,13900000021\n\n李 四 ,,\n")
		}, "2:张三/第一支部/13900000021 4:李 四//", talk.RosterOK},
		{"csv without BOM, CRLF, columns reordered", "名单.csv", func(*testing.T) []byte {
			return []byte("序号,联系电话,所在支部,姓名\r\n1,139,第二支部,王五\r\n2,,,赵六\r\n")
		}, "2:王五/第二支部/139 3:赵六//", talk.RosterOK},
		{"csv without header: the first column", "list.CSV", func(*testing.T) []byte {
			return []byte("张三\n李四\n")
		}, "1:张三// 2:李四//", talk.RosterOK},
		{"csv saved by Excel on Chinese Windows (GBK)", "名单.csv", func(t *testing.T) []byte {
			return gbk(t, "姓名,单位\r\n张三,第一支部\r\n")
		}, "2:张三/第一支部/", talk.RosterOK},
		{"tab separated", "名单.txt", func(*testing.T) []byte {
			return []byte("姓名\t电话\n张三\t138 0000 0000\n")
		}, "2:张三//138 0000 0000", talk.RosterOK},
		{"csv with a 分组 column (a checklist's groups)", "名单.csv", func(*testing.T) []byte {
			return []byte("姓名,分组,手机\n张三,四大班子领导,13900000021\n李四,,\n")
		}, "2:张三//13900000021/四大班子领导 3:李四//", talk.RosterOK},
		{"csv with a title row above the header", "名单.csv", func(*testing.T) []byte {
			return []byte("2026年谈心谈话名单,,\n姓名,单位,\n张三,第一支部,\n")
		}, "3:张三/第一支部/", talk.RosterOK},
		{"xlsx: name column B, unit and phone", "名单.xlsx", func(t *testing.T) []byte {
			return xlsxOf(t, [][]any{{"序号", "姓名", "单位", "手机号"}, {1, "张三", "第一支部", "13900000021"}, {2, "王五", "第二支部", nil}, {3, "", "", ""}})
		}, "2:张三/第一支部/13900000021 3:王五/第二支部/", talk.RosterOK},
		{"xlsx without header", "名单.xlsx", func(t *testing.T) []byte {
			return xlsxOf(t, [][]any{{"张三"}, {"李四"}})
		}, "1:张三// 2:李四//", talk.RosterOK},
		{"xlsx header without a name column", "名单.xlsx", func(t *testing.T) []byte {
			return xlsxOf(t, [][]any{{"序号", "职务", "单位"}, {1, "书记", "第一支部"}})
		}, "", talk.RosterNoName},
		{"empty csv", "空.csv", func(*testing.T) []byte { return []byte("\ufeff姓名,单位\n,,\n") }, "", talk.RosterEmpty},
		{"empty xlsx", "空.xlsx", func(t *testing.T) []byte { return xlsxOf(t, nil) }, "", talk.RosterEmpty},
		{"word document", "名单.docx", func(*testing.T) []byte { return []byte("PK\x03\x04") }, "", talk.RosterBadType},
		{"old binary xls", "名单.xls", func(*testing.T) []byte { return []byte{0xd0, 0xcf, 0x11, 0xe0} }, "", talk.RosterBadType},
		{"not really xlsx", "名单.xlsx", func(*testing.T) []byte { return []byte("姓名\n张三\n") }, "", talk.RosterUnreadable},
		{"too big", "名单.csv", func(*testing.T) []byte {
			return bytes.Repeat([]byte("张三\n"), talk.RosterMaxBytes/7+1)
		}, "", talk.RosterTooBig},
		{"too many names", "名单.csv", func(*testing.T) []byte {
			return bytes.Repeat([]byte("张三\n"), talk.RosterMaxRows+1)
		}, "", talk.RosterTooMany},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := reports.ParseTalkRoster(tt.file, tt.data(t))
			if got.Problem != tt.problem || rowsString(got.Rows) != tt.want || got.File != tt.file {
				t.Errorf("ParseTalkRoster(%s) = %q %q (file %q); want %q %q", tt.file, rowsString(got.Rows), got.Problem, got.File, tt.want, tt.problem)
			}
		})
	}
}

// part is a workbook part for rezip: written by write, or n bytes of
// zeros already deflated (a zip bomb, built without deflating it each time).
type part struct {
	write func(io.Writer) error
	zeros int
}

// rezip copies the workbook xlsx, replacing or adding the parts in parts.
func rezip(t *testing.T, xlsx []byte, parts map[string]part) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if _, replaced := parts[f.Name]; replaced {
			continue
		}
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	for name, p := range parts {
		if p.zeros > 0 {
			raw, crc := deflatedZeros(t, p.zeros)
			w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc,
				CompressedSize64: uint64(len(raw)), UncompressedSize64: uint64(p.zeros)})
			if err == nil {
				_, err = w.Write(raw)
			}
			if err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			t.Fatal(err)
		}
		if err := p.write(w); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// deflatedZeros returns a deflate stream of n zero bytes (n a multiple of
// 1 MB) and their CRC-32. Only one megabyte is compressed: after a flush,
// the deflate blocks of the next megabyte are byte-aligned and refer only
// to zeros, so they can be repeated.
func deflatedZeros(t *testing.T, n int) ([]byte, uint32) {
	t.Helper()
	const mb = 1 << 20
	if n%mb != 0 {
		t.Fatalf("deflatedZeros(%d): not a multiple of 1 MB", n)
	}
	chunk := make([]byte, mb)
	var buf bytes.Buffer
	fw, _ := flate.NewWriter(&buf, flate.BestCompression)
	fw.Write(chunk)
	fw.Flush()
	first := bytes.Clone(buf.Bytes())
	buf.Reset()
	fw.Write(chunk)
	fw.Flush()
	next := bytes.Clone(buf.Bytes())
	buf.Reset()
	fw.Close()
	out := append(first, bytes.Repeat(next, n/mb-1)...)
	out = append(out, buf.Bytes()...) // the final block
	crc := uint32(0)
	for range n / mb {
		crc = crc32.Update(crc, crc32.IEEETable, chunk)
	}
	return out, crc
}

// peakHeap runs f and returns the most heap it saw in use meanwhile
// (sampled every millisecond).
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	<-stopped
	return peak.Load()
}

// TestRosterZipBombs: an XLSX is a zip, and an official can upload one that
// unpacks to far more than its 2 MB (issue 11, finding 8: opened with
// excelize's default limits, 16 GB, it took the bot down). It is refused
// with the polite "cannot be read" answer, and reading it stays small.
func TestRosterZipBombs(t *testing.T) {
	roster := xlsxOf(t, [][]any{{"姓名", "单位"}, {"张三", "第一支部"}})
	const mb = 1 << 20
	// Rows whose one cell sits in the last column (XFD): each such row
	// becomes 16,384 strings when read whole. Small when zipped, well under
	// any unzip limit.
	sheet := func(n int, wide bool) func(io.Writer) error {
		return func(w io.Writer) error {
			fmt.Fprint(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
			for r := 1; r <= n; r++ {
				last := ""
				if wide {
					last = fmt.Sprintf(`<c r="XFD%d"><v>1</v></c>`, r)
				}
				fmt.Fprintf(w, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>张%d</t></is></c>%s</row>`, r, r, r, last)
			}
			_, err := fmt.Fprint(w, `</sheetData></worksheet>`)
			return err
		}
	}
	tests := []struct {
		name    string
		parts   map[string]part
		problem talk.RosterProblem
		rows    int
	}{
		{"a part that unpacks to 256 MB", map[string]part{"xl/media/image1.png": {zeros: 256 * mb}}, talk.RosterUnreadable, 0},
		{"shared strings of 256 MB", map[string]part{"xl/sharedStrings.xml": {zeros: 256 * mb}}, talk.RosterUnreadable, 0},
		{"a sheet of 256 MB", map[string]part{"xl/worksheets/sheet1.xml": {zeros: 256 * mb}}, talk.RosterUnreadable, 0},
		{"many parts of 8 MB each", func() map[string]part {
			m := map[string]part{}
			for i := range 32 {
				m[fmt.Sprintf("xl/media/image%d.png", i)] = part{zeros: 8 * mb}
			}
			return m
		}(), talk.RosterUnreadable, 0},
		{"1,000 rows reaching the last column", map[string]part{"xl/worksheets/sheet1.xml": {write: sheet(1000, true)}}, talk.RosterOK, 1000},
		{"more rows than a roster may have", map[string]part{"xl/worksheets/sheet1.xml": {write: sheet(talk.RosterMaxRows+10, false)}}, talk.RosterTooMany, 0},
	}
	// The bomb builder makes what it says: 4 MB of zeros, CRC checked.
	small := rezip(t, roster, map[string]part{"z": {zeros: 4 * mb}})
	zr, err := zip.NewReader(bytes.NewReader(small), int64(len(small)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == "z" {
			rc, _ := f.Open()
			n, err := io.Copy(io.Discard, rc)
			if n != 4*mb || err != nil {
				t.Fatalf("deflatedZeros(4 MB) unpacks to %d bytes: %v", n, err)
			}
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := rezip(t, roster, tt.parts)
			if len(data) > talk.RosterMaxBytes {
				t.Fatalf("the bomb is %d bytes, over the upload cap: it would not test the unzip limits", len(data))
			}
			var got talk.RosterUpload
			peak := peakHeap(func() { got = reports.ParseTalkRoster("名单.xlsx", data) })
			if got.Problem != tt.problem || len(got.Rows) != tt.rows {
				t.Errorf("%d-byte file: problem %q with %d rows, want %q with %d", len(data), got.Problem, len(got.Rows), tt.problem, tt.rows)
			}
			if peak > 128*mb {
				t.Errorf("%d-byte file: reading it used %d MB of heap", len(data), peak/mb)
			}
		})
	}
}

func TestRosterXLSXOverTheSizeCap(t *testing.T) {
	big := rezip(t, xlsxOf(t, [][]any{{"姓名"}, {"张三"}}), map[string]part{
		"xl/media/image1.png": {write: func(w io.Writer) error { // incompressible
			b := make([]byte, talk.RosterMaxBytes)
			rand.NewChaCha8([32]byte{1}).Read(b)
			_, err := w.Write(b)
			return err
		}},
	})
	if got := reports.ParseTalkRoster("名单.xlsx", big); got.Problem != talk.RosterTooBig {
		t.Fatalf("a %d-byte workbook: problem %q, want %q", len(big), got.Problem, talk.RosterTooBig)
	}
}
