package bot

import (
	"context"
	"fmt"

	"github.com/go-telegram/bot/models"

	"sibu/flows/kit"
	"sibu/storage"
)

// noteMembership follows my_chat_member (a person who blocks the bot is
// unreachable until they unblock it) and a group's service message that it
// became a supergroup.
func (b *Bot) noteMembership(ctx context.Context, u *models.Update) {
	if msg := u.Message; msg != nil && msg.MigrateToChatID != 0 && msg.Chat.ID != msg.MigrateToChatID {
		// The old group's service message: follow the move before any send fails on it.
		b.migrated(ctx, msg.Chat.ID, msg.MigrateToChatID)
		return
	}
	m := u.MyChatMember
	if m == nil || m.Chat.Type != models.ChatTypePrivate {
		return
	}
	switch m.NewChatMember.Type {
	case models.ChatMemberTypeBanned, models.ChatMemberTypeLeft:
		b.blocked(ctx, m.Chat.ID)
	case models.ChatMemberTypeMember:
		b.store.MarkUnreachable(ctx, m.Chat.ID, false)
	}
}

// blocked marks a person who blocked the bot and tells their unit's
// supervisors once.
func (b *Bot) blocked(ctx context.Context, chat int64) {
	if chat <= 0 {
		return
	}
	was, _ := b.store.Unreachable(ctx, chat)
	if err := b.store.MarkUnreachable(ctx, chat, true); err != nil {
		b.log.Error("mark unreachable", "chat_id", chat, "err", err)
	}
	if was {
		return
	}
	p, ok, err := b.store.Person(ctx, chat)
	if err != nil || !ok {
		return
	}
	sups, err := b.store.Members(ctx, p.Unit, false)
	if err != nil {
		return
	}
	var outs []kit.Output
	for _, s := range sups {
		if s.Role == kit.RoleSupervisor && s.ID != p.ID {
			outs = append(outs, kit.Output{Kind: kit.OutPush, ChatID: s.ID,
				Text: fmt.Sprintf("⚠️ %s 已屏蔽本机器人，无法接收通知和提醒，请线下联系。", p.Name)})
		}
	}
	if len(outs) > 0 {
		if _, err := b.store.Commit(ctx, storage.Commit{ChatID: chat, NoSession: true, Outputs: outs, Now: b.opt.Now()}); err != nil {
			b.log.Error("notify supervisors of a block", "err", err)
		}
	}
}

// migrated records that a group became a supergroup, so this replica at
// once and every replica after its next start send to the new id.
func (b *Bot) migrated(_ context.Context, from, to int64) {
	b.followMove(from, to)
	qctx, cancel := quick()
	defer cancel()
	if err := b.store.RecordMove(qctx, from, to); err != nil {
		b.log.Error("record group migration", "from", from, "to", to, "err", err)
	}
}

// loadMoves gives the sender the group migrations recorded so far.
func (b *Bot) loadMoves(ctx context.Context) {
	moves, err := b.store.Moves(ctx)
	if err != nil {
		b.log.Warn("group migrations not loaded", "err", err)
		return
	}
	for from, to := range moves {
		b.followMove(from, to)
	}
}

// followMove sends what goes to group from to its new id, to, and tells
// the operator to put the new id in the configuration.
func (b *Bot) followMove(from, to int64) {
	b.sender.Moved(from, to)
	b.log.Warn("a group became a supergroup: sending to the new id; change units[].group in the configuration to it",
		"from", from, "to", to)
}
