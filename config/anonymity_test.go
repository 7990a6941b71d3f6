package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sibu/anonymity"
	"sibu/config"
)

// keyFile creates a key file in dir (as sibu does at first start) and
// returns its path and the key.
func keyFile(t *testing.T, dir string) (string, *anonymity.Key) {
	t.Helper()
	t.Chdir(dir)
	k, from, err := anonymity.Load("", "")
	if err != nil || !from.Created {
		t.Fatalf("create key: %+v, %v", from, err)
	}
	return filepath.Join(dir, anonymity.DefaultFile), k
}

func TestAnonymityKeyComesFromTheEnvironmentTheFileOrIsCreated(t *testing.T) {
	cfgDir := t.TempDir()
	os.Mkdir(filepath.Join(cfgDir, "keys"), 0o700)
	_, fileKey := keyFile(t, filepath.Join(cfgDir, "keys"))
	envPath, envKey := keyFile(t, t.TempDir())
	envText, _ := os.ReadFile(envPath)
	t.Chdir(t.TempDir())
	withFile := []byte("units: [{id: root, name: R}]\nanonymity: {key_file: keys/" + anonymity.DefaultFile + "}\n")
	tests := []struct {
		name    string
		raw     []byte
		env     map[string]string
		want    *anonymity.Key
		created bool
	}{
		{"key_file, relative to the configuration", withFile, nil, fileKey, false},
		{"SIBU_ANONYMITY_KEY wins", withFile, map[string]string{"SIBU_ANONYMITY_KEY": string(envText)}, envKey, false},
		{"neither: created in the working directory", []byte("units: [{id: root, name: R}]\n"), nil, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := config.Parse(tt.raw, cfgDir, env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			k, from, err := c.AnonymityKey()
			if err != nil || from.Created != tt.created {
				t.Fatalf("AnonymityKey = %+v, %v; want created %v", from, err, tt.created)
			}
			if tt.want != nil && k.Recipient() != tt.want.Recipient() {
				t.Errorf("got the key of %s", from.Source)
			}
		})
	}
	if _, err := os.Stat(anonymity.DefaultFile); err != nil {
		t.Errorf("no %s in the working directory: %v", anonymity.DefaultFile, err)
	}
}

func TestBadAnonymityKeyIsNamedNotRepeated(t *testing.T) {
	_, err := config.Parse([]byte("units: [{id: root, name: R}]\n"), ".", env(map[string]string{"SIBU_ANONYMITY_KEY": "AGE-SECRET-KEY-1TYPOED"}))
	if err == nil || !strings.Contains(err.Error(), "SIBU_ANONYMITY_KEY") || strings.Contains(err.Error(), "TYPOED") {
		t.Fatalf("err = %v; want it to name SIBU_ANONYMITY_KEY without repeating the value", err)
	}
}
