package config_test

import (
	"strings"
	"testing"

	"sibu/config"
)

func TestExampleCampaign(t *testing.T) {
	c, err := config.Load("../config.example.yaml", env(nil))
	if err != nil {
		t.Fatal(err)
	}
	s := c.Research.Settings
	camp := s.Campaigns["hj2026"]
	if camp == nil || len(camp.Units) != 2 || camp.From.Format("2006-01-02") != "2026-11-01" || camp.Targets.Surveys[0] != "demo" ||
		camp.Targets.Rounds[0] != "hj2027" || camp.Targets.Coverage != 100 || len(s.Places) != 4 || len(s.Topics) != 6 {
		t.Fatalf("research settings %+v, campaign %+v", s, camp)
	}
}

func TestCampaignErrors(t *testing.T) {
	base := "units: [{id: root, name: 区委}]\ncampaigns:\n  c1:\n"
	ok := "    title: t\n    units: [root]\n    period: {from: \"2026-11-01\", to: \"2026-12-31\"}\n"
	tests := []struct{ name, yaml, key string }{
		{"no title", "    units: [root]\n", "campaigns.c1.title"},
		{"no unit", "    title: t\n", "campaigns.c1.units"},
		{"bad unit", "    title: t\n    units: [nowhere]\n", "campaigns.c1.units"},
		{"bad from", "    title: t\n    units: [root]\n    period: {from: soon, to: \"2026-12-31\"}\n", "campaigns.c1.period.from"},
		{"to before from", "    title: t\n    units: [root]\n    period: {from: \"2026-12-31\", to: \"2026-11-01\"}\n", "campaigns.c1.period.to"},
		{"unknown questionnaire", ok + "    targets: {questionnaires: [nope]}\n", "campaigns.c1.targets.questionnaires"},
		{"unknown round", ok + "    targets: {talk_rounds: [nope]}\n", "campaigns.c1.targets.talk_rounds"},
		{"coverage", ok + "    targets: {coverage: 120}\n", "campaigns.c1.targets.coverage"},
		{"long place", ok + "research: {places: [一个非常非常非常长的走访对象名称]}\n", "research.places"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Parse([]byte(base+tt.yaml), ".", env(nil))
			if err == nil || !strings.Contains(err.Error(), tt.key) {
				t.Fatalf("err = %v, want one naming %s", err, tt.key)
			}
		})
	}
}
