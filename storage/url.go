package storage

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Redis URL forms Connect accepts (README, "Redis Cluster and Sentinel"):
//
//	redis://[user:pass@]host:port[/db][?opts]      one server (rediss:// for TLS, unix:///path.sock)
//	redis+cluster://[user:pass@]host:port,host:port[/][?opts]   Redis Cluster (seed nodes; rediss+cluster:// for TLS)
//	redis+sentinel://[user:pass@]host:port,host:port/master[/db][?opts]   Sentinel: the master named "master"
//	                                                 (rediss+sentinel:// for TLS)
//
// opts are go-redis's URL options (dial_timeout, read_timeout, pool_size,
// protocol, …). The user and password are the data nodes' (and, for
// Sentinel, the sentinels' too unless sentinel_password is among the opts).
// sibu's keys of one deployment share one hash tag, the deployment's prefix
// ({prefix}:…), so every script and transaction stays in one slot: one
// deployment lives on one cluster node, and several deployments (each its
// own prefix) spread over the cluster's slots.

// clientFor makes the go-redis client for a Redis URL of any form above.
func clientFor(raw string) (redis.UniversalClient, error) {
	scheme, _, ok := strings.Cut(raw, "://")
	if !ok {
		// host:port[,host:port…]: go-redis picks single or cluster by count.
		return redis.NewUniversalClient(&redis.UniversalOptions{Addrs: strings.Split(raw, ","), Protocol: 2}), nil
	}
	switch scheme {
	case "redis+cluster", "rediss+cluster":
		opt, err := ParseClusterURL(raw)
		if err != nil {
			return nil, err
		}
		return redis.NewClusterClient(opt), nil
	case "redis+sentinel", "rediss+sentinel":
		opt, err := ParseSentinelURL(raw)
		if err != nil {
			return nil, err
		}
		return redis.NewFailoverClient(opt), nil
	}
	opt, err := ParseURL(raw)
	if err != nil {
		return nil, err
	}
	return redis.NewClient(opt), nil
}

// multiHost splits scheme://[userinfo@]h1:p1,h2:p2[/path][?query] into a
// go-redis URL on the first host (scheme redis or rediss) and the other
// hosts. url.Parse refuses a comma-separated host list, hence by hand.
func multiHost(raw string) (base string, path string, others []string, err error) {
	scheme, rest, _ := strings.Cut(raw, "://")
	plain := "redis"
	if strings.HasPrefix(scheme, "rediss") {
		plain = "rediss"
	}
	var userinfo string
	if at := strings.LastIndex(strings.SplitN(rest, "/", 2)[0], "@"); at >= 0 {
		userinfo, rest = rest[:at+1], rest[at+1:]
	}
	end := strings.IndexAny(rest, "/?")
	if end < 0 {
		end = len(rest)
	}
	hosts, tail := rest[:end], rest[end:]
	var query string
	if i := strings.Index(tail, "?"); i >= 0 {
		tail, query = tail[:i], tail[i:]
	}
	list := strings.Split(hosts, ",")
	for _, h := range list {
		if h == "" || !strings.Contains(h, ":") {
			return "", "", nil, fmt.Errorf("%s://: want host:port[,host:port…], got %q", scheme, hosts)
		}
	}
	return plain + "://" + userinfo + list[0] + query, strings.Trim(tail, "/"), list[1:], nil
}

// withParams adds name=value pairs to the query of a URL string.
func withParams(base string, params url.Values) string {
	if len(params) == 0 {
		return base
	}
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	return base + sep + params.Encode()
}

// ParseClusterURL reads redis+cluster://[user:pass@]host:port,host:port[/][?opts]
// into go-redis cluster options, speaking RESP2 unless ?protocol= says
// otherwise (as ParseURL).
func ParseClusterURL(raw string) (*redis.ClusterOptions, error) {
	base, path, others, err := multiHost(raw)
	if err != nil {
		return nil, err
	}
	if path != "" {
		return nil, fmt.Errorf("redis+cluster://: a cluster has no database number (%q)", path)
	}
	opt, err := redis.ParseClusterURL(withParams(base, url.Values{"addr": others}))
	if err != nil {
		return nil, err
	}
	if !strings.Contains(raw, "protocol=") {
		opt.Protocol = 2
	}
	return opt, nil
}

// ParseSentinelURL reads redis+sentinel://[user:pass@]host:port,…/master[/db][?opts]
// into go-redis failover options: the sentinels at the listed addresses,
// the master they call master. The user and password are the master's and
// the sentinels' (password= or sentinel_password= in opts sets one apart).
func ParseSentinelURL(raw string) (*redis.FailoverOptions, error) {
	base, path, others, err := multiHost(raw)
	if err != nil {
		return nil, err
	}
	master, db, _ := strings.Cut(path, "/")
	if master == "" {
		return nil, fmt.Errorf("redis+sentinel://: name the master after the hosts (redis+sentinel://host:port/mymaster)")
	}
	params := url.Values{"master_name": {master}, "addr": others}
	u, err := url.Parse(base)
	if err != nil {
		return nil, err
	}
	if db != "" {
		u.Path = "/" + db
	}
	sentinelPass := u.Query().Get("sentinel_password")
	if sentinelPass != "" {
		q := u.Query()
		q.Del("sentinel_password")
		u.RawQuery = q.Encode()
	}
	opt, err := redis.ParseFailoverURL(withParams(u.String(), params))
	if err != nil {
		return nil, err
	}
	if opt.Password == "" { // no password= option: the URL's user and password serve both
		opt.Username, opt.Password = opt.SentinelUsername, opt.SentinelPassword
	}
	if sentinelPass != "" {
		opt.SentinelPassword = sentinelPass
	}
	if !strings.Contains(raw, "protocol=") {
		opt.Protocol = 2
	}
	return opt, nil
}
