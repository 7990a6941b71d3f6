package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"sibu/internal/redistest"
	"sibu/tgemu"
)

// TestClusterTwoDeployments runs two deployments of sibu — each its own
// bot token and key prefix — on one local three-master Redis Cluster
// (redis+cluster:// URL), and has a member of each join and answer the
// demo questionnaire end to end. Each deployment's keys share one hash tag,
// its prefix, so they sit in one slot: the test picks two prefixes whose
// slots are served by different masters and checks that every key of each
// deployment is on its own master and none on the other.
func TestClusterTwoDeployments(t *testing.T) {
	began := time.Now()
	cl := redistest.NewCluster(t)
	t.Logf("3-master cluster up in %v", time.Since(began).Round(time.Millisecond))
	var prefixes []string
	var nodes []string
	for i := 1; len(prefixes) < 2 && i < 100; i++ {
		p := fmt.Sprintf("county%d", i)
		slot, node := cl.NodeOf(t, "{"+p+"}:x")
		if len(nodes) == 0 || nodes[0] != node {
			prefixes, nodes = append(prefixes, p), append(nodes, node)
			t.Logf("deployment %s: slot %d on master %s", p, slot, node)
		}
	}
	tokens := []string{token, "654321:TEST-second-county-token-abc"}
	for i, prefix := range prefixes {
		emu := newEmuFor(t, tokens[i])
		sk := newSink(t)
		e := env(emu, cl.URL(), sk.srv.URL)
		e["SIBU_TELEGRAM_TOKEN"], e["SIBU_REDIS_PREFIX"] = tokens[i], prefix
		began := time.Now()
		startInDaytime(t, e)               // quiet hours would hold the invitation
		waitCalls(t, emu, "getUpdates", 1) // up: the next one reads the anonymity key the first wrote
		answerDemo(t, emu, sk)
		t.Logf("deployment %s answered the demo questionnaire in %v", prefix, time.Since(began).Round(time.Millisecond))
	}
	ctx := context.Background()
	for _, n := range cl.Nodes {
		rdb := redis.NewClient(&redis.Options{Addr: n.Addr()})
		for i, prefix := range prefixes {
			keys, err := rdb.Keys(ctx, "{"+prefix+"}:*").Result()
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case n.Addr() == nodes[i] && len(keys) == 0:
				t.Errorf("deployment %s has no keys on its master %s", prefix, n.Addr())
			case n.Addr() != nodes[i] && len(keys) > 0:
				t.Errorf("deployment %s has %d keys on %s, not its master %s", prefix, len(keys), n.Addr(), nodes[i])
			case n.Addr() == nodes[i]:
				t.Logf("deployment %s: %d keys on %s", prefix, len(keys), n.Addr())
			}
		}
		rdb.Close()
	}
}

// answerDemo has the admin invite a member who answers the demo
// questionnaire, and waits for the response in the records system.
func answerDemo(t *testing.T, emu *tgemu.Server, sk *sink) {
	t.Helper()
	admin := newPerson(t, emu, adminID, "组织部")
	member := newPerson(t, emu, 2, "张三")
	join(t, admin, member, "张三")
	admin.send("/survey open demo")
	admin.expect("已发放给 1 人")
	member.press("开始填写")
	member.expect("第 1/4 题")
	member.press("满意")
	member.expect("第 2/4 题")
	member.press("服务群众")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) { // the toggle edits in place
		if _, _, ok := member.button("✅ 服务群众"); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("multi-select toggle was not shown with ✅")
		}
	}
	member.press("完成")
	member.expect("第 3/4 题")
	member.press("5")
	member.expect("第 4/4 题")
	member.send("希望多下基层走访。")
	member.expect("请核对您的回答")
	member.press("✅ 提交")
	member.expect("已提交")
	sk.waitFor(t, "sibu.survey.response.submitted", nil)
	admin.send("/status")
	admin.expect("已提交 1")
}
