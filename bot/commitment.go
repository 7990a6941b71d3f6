package bot

import (
	"context"
	"fmt"

	"sibu/flows"
	"sibu/reports"
)

// commitmentReports renders the commitment feature's OutReport kinds (name → renderer).
func (b *Bot) commitmentReports() map[string]func(context.Context, flows.Output) ([]file, error) {
	return map[string]func(context.Context, flows.Output) ([]file, error){flows.ReportLedger: b.ledger}
}

// ledger renders the 台帐 of the unit named in o.SurveyID and its sub-units
// as XLSX, from the stored items and their history, at send time.
func (b *Bot) ledger(ctx context.Context, o flows.Output) ([]file, error) {
	env := b.engine.Env()
	now := b.opt.Now().In(env.Location)
	var rows []flows.LedgerRow
	for _, unit := range b.engine.SubUnits(o.SurveyID) {
		items, err := b.store.UnitCommitments(ctx, unit)
		if err != nil {
			return nil, err
		}
		for _, c := range items {
			log, err := b.store.CommitmentLog(ctx, c.ID)
			if err != nil {
				return nil, err
			}
			rows = append(rows, flows.LedgerRow{Item: c, Unit: b.engine.UnitName(c.Unit), Overdue: c.Overdue(now, env.Location), Log: log})
		}
	}
	data, err := reports.Ledger(rows, reports.LedgerNames{Unit: b.engine.UnitName, Owner: b.engine.OwnerLabel,
		Status: flows.StatusName, What: flows.WhatName}, env.Location)
	if err != nil {
		return nil, err
	}
	name := fmt.Sprintf("%s-承诺台帐-%s.xlsx", o.SurveyID, now.Format("20060102"))
	return []file{{name: name, data: data, caption: fmt.Sprintf("「%s」公开承诺台帐：%d 项", b.engine.UnitName(o.SurveyID), len(rows))}}, nil
}
