package anonymity

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// DefaultFile is the key file sibu creates in its working directory at
// first start when no key is configured.
const DefaultFile = "sibu-anonymity.key"

// Origin says where Load found the key: its source ("SIBU_ANONYMITY_KEY"
// or a file's path), and whether Load has just created it.
type Origin struct {
	Source  string
	Created bool
}

// Load returns the anonymity key: value (SIBU_ANONYMITY_KEY) when set,
// else the key file named by file (anonymity.key_file), which must exist,
// else DefaultFile in the working directory, created (mode 600) when
// missing. The caller warns on Origin.Created: every replica needs that
// same file.
func Load(value, file string) (*Key, Origin, error) {
	if value != "" {
		k, err := Parse(value)
		if err != nil {
			return nil, Origin{}, fmt.Errorf("SIBU_ANONYMITY_KEY %w", err)
		}
		return k, Origin{Source: "SIBU_ANONYMITY_KEY"}, nil
	}
	if file != "" {
		k, err := readFile(file)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, Origin{}, fmt.Errorf("anonymity.key_file %s does not exist (create it with age-keygen, or leave the setting out and sibu creates %s)", file, DefaultFile)
		}
		return k, Origin{Source: file}, err
	}
	k, err := readFile(DefaultFile)
	if errors.Is(err, fs.ErrNotExist) {
		return create(DefaultFile)
	}
	return k, Origin{Source: DefaultFile}, err
}

// readFile reads a key file.
func readFile(path string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("anonymity key: %w", err)
	}
	k, err := Parse(string(b))
	if err != nil {
		return nil, fmt.Errorf("anonymity key file %s %w", path, err)
	}
	return k, nil
}

// create writes a new key to path, readable by its owner only. The file
// appears whole or not at all (written aside, then linked), and never
// replaces one another process created meanwhile: that one is read.
func create(path string) (*Key, Origin, error) {
	k, err := Generate()
	if err != nil {
		return nil, Origin{}, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sibu-anonymity-*")
	if err != nil {
		return nil, Origin{}, fmt.Errorf("create anonymity key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return nil, Origin{}, fmt.Errorf("create anonymity key: %w", err)
	}
	_, err = tmp.Write(k.file())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, Origin{}, fmt.Errorf("create anonymity key: %w", err)
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		k, err := readFile(path)
		return k, Origin{Source: path}, err
	} else if err != nil {
		return nil, Origin{}, fmt.Errorf("create anonymity key: %w", err)
	}
	return k, Origin{Source: path, Created: true}, nil
}
