package bench

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
	"github.com/redis/go-redis/v9"

	"sibu/flows/survey"
)

// peerQuestion is one question of the questionnaire the peer asks: the
// demo questionnaire's, as plain data.
type peerQuestion struct {
	Name    string   `json:"name"`
	Title   string   `json:"title"`
	Type    string   `json:"type"` // radiogroup, checkbox, rating or comment
	Choices []string `json:"choices"`
}

// peerQuestions turns a questionnaire into the peer's questions (ratings
// become their values as choices).
func peerQuestions(s *survey.Survey) []peerQuestion {
	var qs []peerQuestion
	for _, q := range s.Questions {
		pq := peerQuestion{Name: q.Name, Title: q.Title, Type: q.Type}
		for _, c := range q.Choices {
			pq.Choices = append(pq.Choices, c.Text)
		}
		if q.Type == "rating" {
			for v := q.RateMin; v <= q.RateMax; v++ {
				pq.Choices = append(pq.Choices, strconv.Itoa(v))
			}
		}
		qs = append(qs, pq)
	}
	return qs
}

// peerState is one person's progress, kept as one JSON value in Redis.
type peerState struct {
	Q        int             `json:"q"`
	Answers  map[string]any  `json:"answers"`
	Selected map[string]bool `json:"selected,omitempty"`
	Done     bool            `json:"done,omitempty"`
}

// peerBot is the questionnaire bot a go-telegram/bot user would write, as
// the library's README teaches: bot.New with a default handler and a
// callback handler, the library's own getUpdates polling (one goroutine
// per update), a pooled http.Client and nothing tuned; each person's
// progress is one JSON value read and written with GET/SET, and a
// submitted response is RPUSHed to a list.
type peerBot struct {
	rdb   *redis.Client
	qs    []peerQuestion
	title string
}

// runPeer runs the peer bot against the Bot API at apiURL until ctx ends.
func runPeer(ctx context.Context, apiURL, redisURL, title string, qs []peerQuestion) error {
	opt, err := redis.ParseURL(redisURL)
	if err != nil {
		return err
	}
	p := &peerBot{rdb: redis.NewClient(opt), qs: qs, title: title}
	defer p.rdb.Close()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = 256, 128 // pooled: the one thing a user would set
	b, err := tgbot.New(token, tgbot.WithServerURL(apiURL), tgbot.WithSkipGetMe(),
		tgbot.WithHTTPClient(time.Minute, &http.Client{Transport: tr, Timeout: 70 * time.Second}),
		tgbot.WithErrorsHandler(func(error) {}),
		tgbot.WithDefaultHandler(p.onMessage),
		tgbot.WithCallbackQueryDataHandler("", tgbot.MatchTypePrefix, p.onCallback))
	if err != nil {
		return err
	}
	b.Start(ctx)
	return nil
}

func (p *peerBot) key(chat int64) string { return "peer:state:" + strconv.FormatInt(chat, 10) }

// load reads a person's progress; a missing one is a fresh start.
func (p *peerBot) load(ctx context.Context, chat int64) (peerState, error) {
	st := peerState{Answers: map[string]any{}}
	b, err := p.rdb.Get(ctx, p.key(chat)).Bytes()
	if err == redis.Nil {
		return st, nil
	}
	if err != nil {
		return st, err
	}
	err = json.Unmarshal(b, &st)
	if st.Answers == nil {
		st.Answers = map[string]any{}
	}
	return st, err
}

func (p *peerBot) save(ctx context.Context, chat int64, st peerState) error {
	b, _ := json.Marshal(st)
	return p.rdb.Set(ctx, p.key(chat), b, 30*24*time.Hour).Err()
}

// onMessage takes a typed answer to a comment question.
func (p *peerBot) onMessage(ctx context.Context, b *tgbot.Bot, u *models.Update) {
	if u.Message == nil || u.Message.Text == "" || strings.HasPrefix(u.Message.Text, "/") {
		return
	}
	chat := u.Message.Chat.ID
	st, err := p.load(ctx, chat)
	if err != nil || st.Done || st.Q >= len(p.qs) || p.qs[st.Q].Type != "comment" {
		return
	}
	st.Answers[p.qs[st.Q].Name] = u.Message.Text
	st.Q++
	if p.save(ctx, chat, st) == nil {
		p.ask(ctx, b, chat, st)
	}
}

// onCallback takes a button: start, an answer, a toggle, 完成 or 提交.
// Each answer is acknowledged, the answered question edited to show the
// choice, and the next question sent.
func (p *peerBot) onCallback(ctx context.Context, b *tgbot.Bot, u *models.Update) {
	cq := u.CallbackQuery
	chat := cq.From.ID
	msgID := 0
	if cq.Message.Message != nil {
		msgID = cq.Message.Message.ID
	}
	b.AnswerCallbackQuery(ctx, &tgbot.AnswerCallbackQueryParams{CallbackQueryID: cq.ID})
	st, err := p.load(ctx, chat)
	if err != nil {
		return
	}
	parts := strings.Split(cq.Data, ":")
	switch {
	case parts[0] == "sv":
		st = peerState{Answers: map[string]any{}}
	case parts[0] == "submit" && st.Q == len(p.qs) && !st.Done:
		resp, _ := json.Marshal(map[string]any{"user": chat, "answers": st.Answers, "at": time.Now().Unix()})
		if p.rdb.RPush(ctx, peerResponses, resp).Err() != nil {
			return
		}
		st.Done = true
		if p.save(ctx, chat, st) != nil {
			return
		}
		b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: msgID, Text: "已提交"})
		b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chat, Text: "谢谢您的参与！"})
		return
	case len(parts) == 3 && strconv.Itoa(st.Q) == parts[1] && st.Q < len(p.qs):
		if !p.answer(ctx, b, chat, msgID, &st, parts[0], parts[2]) {
			return
		}
	default:
		return // stale or forged: nothing changes
	}
	if p.save(ctx, chat, st) == nil {
		p.ask(ctx, b, chat, st)
	}
}

// answer applies a button of the current question; it reports whether the
// next question is to be asked (a toggle only edits the keyboard).
func (p *peerBot) answer(ctx context.Context, b *tgbot.Bot, chat int64, msgID int, st *peerState, kind, arg string) bool {
	q := p.qs[st.Q]
	i, _ := strconv.Atoi(arg)
	switch kind {
	case "a": // a single choice
		if i < 0 || i >= len(q.Choices) {
			return false
		}
		st.Answers[q.Name] = q.Choices[i]
		b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: msgID, Text: q.Title + "\n✓ " + q.Choices[i]})
	case "t": // a multi-select toggle
		if i < 0 || i >= len(q.Choices) {
			return false
		}
		if st.Selected == nil {
			st.Selected = map[string]bool{}
		}
		st.Selected[q.Choices[i]] = !st.Selected[q.Choices[i]]
		if p.save(ctx, chat, *st) == nil {
			b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: msgID, Text: q.Title, ReplyMarkup: p.keyboard(st.Q, *st)})
		}
		return false
	case "d": // 完成 of a multi-select
		var chosen []string
		for _, c := range q.Choices {
			if st.Selected[c] {
				chosen = append(chosen, c)
			}
		}
		st.Answers[q.Name], st.Selected = chosen, nil
		b.EditMessageText(ctx, &tgbot.EditMessageTextParams{ChatID: chat, MessageID: msgID, Text: q.Title + "\n✓ " + strings.Join(chosen, "、")})
	default:
		return false
	}
	st.Q++
	return true
}

// ask sends the current question, or the summary with 提交 after the last.
func (p *peerBot) ask(ctx context.Context, b *tgbot.Bot, chat int64, st peerState) {
	if st.Q >= len(p.qs) {
		var sb strings.Builder
		sb.WriteString(p.title + "\n")
		for _, q := range p.qs {
			a, _ := json.Marshal(st.Answers[q.Name])
			sb.WriteString(q.Title + " " + string(a) + "\n")
		}
		b.SendMessage(ctx, &tgbot.SendMessageParams{ChatID: chat, Text: sb.String(),
			ReplyMarkup: &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "✅ 提交", CallbackData: "submit"}}}}})
		return
	}
	q := p.qs[st.Q]
	params := &tgbot.SendMessageParams{ChatID: chat, Text: q.Title}
	if q.Type != "comment" {
		params.ReplyMarkup = p.keyboard(st.Q, st)
	}
	b.SendMessage(ctx, params)
}

// keyboard is question i's buttons: one per choice, and 完成 for a
// multi-select (chosen ones marked ✓).
func (p *peerBot) keyboard(i int, st peerState) *models.InlineKeyboardMarkup {
	q := p.qs[i]
	kind := "a"
	if q.Type == "checkbox" {
		kind = "t"
	}
	var rows [][]models.InlineKeyboardButton
	for j, c := range q.Choices {
		label := c
		if st.Selected[c] {
			label = "✓ " + c
		}
		rows = append(rows, []models.InlineKeyboardButton{{Text: label, CallbackData: kind + ":" + strconv.Itoa(i) + ":" + strconv.Itoa(j)}})
	}
	if q.Type == "checkbox" {
		rows = append(rows, []models.InlineKeyboardButton{{Text: "完成", CallbackData: "d:" + strconv.Itoa(i) + ":0"}})
	}
	return &models.InlineKeyboardMarkup{InlineKeyboard: rows}
}
