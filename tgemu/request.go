package tgemu

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// upload is a multipart file part with its content.
type upload struct {
	filename    string
	contentType string
	data        []byte
}

// request is one call being executed.
type request struct {
	method string
	params map[string]string
	files  map[string]*upload
}

// has reports whether the call gave a parameter.
func (r *request) has(name string) bool { _, ok := r.params[name]; return ok }

// str returns a parameter as sent, "" when absent.
func (r *request) str(name string) string { return r.params[name] }

// int64 returns an integer parameter, 0 when absent or malformed.
func (r *request) int64(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(r.params[name]), 10, 64)
	return n
}

// int returns an integer parameter, 0 when absent or malformed.
func (r *request) int(name string) int { return int(r.int64(name)) }

// bool returns a Boolean parameter, false when absent or malformed.
func (r *request) bool(name string) bool {
	b, _ := parseBool(r.params[name])
	return b
}

// maxUpload bounds a request body, like Telegram's 50 MB upload limit.
const maxUpload = 50 << 20

// parseRequest reads the parameters of a call from the query string and a
// multipart, urlencoded or JSON body. JSON values that are objects or arrays
// are kept in their serialized form, as they arrive in form encodings.
func parseRequest(r *http.Request) (map[string]string, map[string]*upload, error) {
	params := map[string]string{}
	files := map[string]*upload{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if r.Body == nil {
		return params, files, nil
	}
	body := http.MaxBytesReader(nil, r.Body, maxUpload+1<<20)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "multipart/form-data":
		r.Body = body
		if err := r.ParseMultipartForm(32 << 20); err != nil {
			if errors.Is(err, io.EOF) {
				// go-telegram/bot sends parameterless calls (getMe) as an
				// empty body under a multipart content type; Telegram accepts it.
				return params, files, nil
			}
			return nil, nil, fmt.Errorf("can't parse multipart body: %v", err)
		}
		defer func() { _ = r.MultipartForm.RemoveAll() }()
		for k, v := range r.MultipartForm.Value {
			params[k] = v[0]
		}
		for k, fhs := range r.MultipartForm.File {
			f, err := fhs[0].Open()
			if err != nil {
				return nil, nil, fmt.Errorf("can't read file part %q: %v", k, err)
			}
			data, err := io.ReadAll(f)
			_ = f.Close()
			if err != nil {
				return nil, nil, fmt.Errorf("can't read file part %q: %v", k, err)
			}
			files[k] = &upload{filename: fhs[0].Filename, contentType: fhs[0].Header.Get("Content-Type"), data: data}
		}
	case "application/x-www-form-urlencoded":
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, fmt.Errorf("can't read body: %v", err)
		}
		r.Body = io.NopCloser(bytes.NewReader(data))
		if err := r.ParseForm(); err != nil {
			return nil, nil, fmt.Errorf("can't parse form body: %v", err)
		}
		for k, v := range r.PostForm {
			params[k] = v[0]
		}
	case "application/json":
		data, err := io.ReadAll(body)
		if err != nil {
			return nil, nil, fmt.Errorf("can't read body: %v", err)
		}
		if len(bytes.TrimSpace(data)) == 0 {
			break
		}
		obj, err := jsonParams(data)
		if err != nil {
			return nil, nil, err
		}
		maps.Copy(params, obj)
	}
	return params, files, nil
}

// jsonParams flattens a JSON object body into string parameters.
func jsonParams(data []byte) (map[string]string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return nil, fmt.Errorf("can't parse JSON body: %v", err)
	}
	params := make(map[string]string, len(obj))
	for k, raw := range obj {
		raw = bytes.TrimSpace(raw)
		switch {
		case len(raw) == 0 || string(raw) == "null":
		case raw[0] == '"':
			var s string
			if err := json.Unmarshal(raw, &s); err != nil {
				return nil, fmt.Errorf("can't parse JSON field %q: %v", k, err)
			}
			params[k] = s
		default:
			params[k] = string(raw)
		}
	}
	return params, nil
}
