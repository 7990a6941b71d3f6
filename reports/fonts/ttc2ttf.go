//go:build ignore

// Command ttc2ttf extracts one face of a TrueType Collection into a
// standalone TrueType file whose tables start on four-byte boundaries, as
// golang.org/x/image/font/sfnt requires (wqy-microhei.ttc has unaligned
// tables, which sfnt rejects). It was used once to make wqy-microhei.ttf:
//
//	go run ttc2ttf.go /usr/share/fonts/truetype/wqy/wqy-microhei.ttc 0 wqy-microhei.ttf
package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"sort"
	"strconv"
)

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: ttc2ttf in.ttc index out.ttf")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2], os.Args[3]); err != nil {
		fmt.Fprintln(os.Stderr, "ttc2ttf:", err)
		os.Exit(1)
	}
}

type record struct {
	tag       uint32
	off, size uint32
	data      []byte
}

func run(in, index, out string) error {
	src, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	be := binary.BigEndian
	if string(src[:4]) != "ttcf" {
		return fmt.Errorf("%s is not a TrueType Collection", in)
	}
	i, err := strconv.Atoi(index)
	if err != nil {
		return err
	}
	if n := int(be.Uint32(src[8:])); i < 0 || i >= n {
		return fmt.Errorf("index %d out of range (collection has %d fonts)", i, n)
	}
	dir := int(be.Uint32(src[12+4*i:]))
	version := be.Uint32(src[dir:])
	numTables := int(be.Uint16(src[dir+4:]))
	var recs []record
	for t := 0; t < numTables; t++ {
		r := src[dir+12+16*t:]
		rec := record{tag: be.Uint32(r), off: be.Uint32(r[8:]), size: be.Uint32(r[12:])}
		rec.data = src[rec.off : rec.off+rec.size]
		recs = append(recs, rec)
	}
	sort.Slice(recs, func(a, b int) bool { return recs[a].tag < recs[b].tag })

	// Offset table.
	entrySelector := 0
	for 1<<(entrySelector+1) <= numTables {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	hdr := make([]byte, 12+16*numTables)
	be.PutUint32(hdr, version)
	be.PutUint16(hdr[4:], uint16(numTables))
	be.PutUint16(hdr[6:], uint16(searchRange))
	be.PutUint16(hdr[8:], uint16(entrySelector))
	be.PutUint16(hdr[10:], uint16(numTables*16-searchRange))

	body := []byte{}
	off := uint32(len(hdr))
	headAt := -1
	for t, rec := range recs {
		data := append([]byte(nil), rec.data...)
		if string(tagBytes(rec.tag)) == "head" {
			be.PutUint32(data[8:], 0) // checkSumAdjustment, fixed below
			headAt = int(off)
		}
		r := hdr[12+16*t:]
		be.PutUint32(r, rec.tag)
		be.PutUint32(r[4:], checksum(data))
		be.PutUint32(r[8:], off)
		be.PutUint32(r[12:], uint32(len(data)))
		for len(data)%4 != 0 {
			data = append(data, 0)
		}
		body = append(body, data...)
		off += uint32(len(data))
	}
	font := append(hdr, body...)
	if headAt >= 0 {
		be.PutUint32(font[headAt+8:], 0xB1B0AFBA-checksum(font))
	}
	return os.WriteFile(out, font, 0o644)
}

func tagBytes(t uint32) []byte {
	return []byte{byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)}
}

func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += binary.BigEndian.Uint32(w[:])
	}
	return sum
}
