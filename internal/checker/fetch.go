package checker

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// Fetch reads the document at url through the address policy, as a check
// dials a learner's server: an address the policy refuses is never dialled,
// whatever DNS or a redirect says. It is for other parts of devpath that
// read an address a learner typed (a calendar feed to import). At most
// limit bytes are read; more is an error.
func Fetch(ctx context.Context, p AddressPolicy, url string, limit int64) ([]byte, error) {
	if _, err := parseBase(url); err != nil {
		return nil, err
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	if p.Mode != AllowAny {
		dialer.Control = p.Control
	}
	client := &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy: nil, // a proxy would hide the real address from the policy
			DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
				return dialer.DialContext(ctx, network, dialAddress(addr))
			},
			MaxResponseHeaderBytes: 64 << 10,
		},
	}
	defer client.CloseIdleConnections()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	res, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the server answered %s", res.Status)
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err == nil && int64(len(body)) > limit {
		err = fmt.Errorf("more than %d bytes", limit)
	}
	return body, err
}
