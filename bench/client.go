package main

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// sourceAddrs hands out loopback source addresses: 127.1.0.1, 127.1.0.2, ...
// Every 127.0.0.0/8 address reaches a server listening on 127.0.0.1. devpath
// limits logins per client address, so logins from many learners must come
// from many addresses, as they would in real use; one counter serves the
// whole run so that no address is reused within a rate-limit window.
type sourceAddrs struct{ n atomic.Uint32 }

func (s *sourceAddrs) next() *net.TCPAddr {
	i := s.n.Add(1)
	return &net.TCPAddr{IP: net.IPv4(127, byte(1+i/(250*256)%250), byte(i/250), byte(1+i%250))}
}

// newClient returns an HTTP client for n concurrent workers. With fresh, every
// request opens a new connection from a new source address (the login
// scenario); otherwise connections are kept alive, one per worker.
func newClient(n int, fresh bool, addrs *sourceAddrs) *http.Client {
	tr := &http.Transport{
		MaxIdleConns:        n,
		MaxIdleConnsPerHost: n,
		IdleConnTimeout:     30 * time.Second,
		DisableKeepAlives:   fresh,
		// No Accept-Encoding: answers come as they are, the same bytes as
		// the static page's. What compression saves is measured apart.
		DisableCompression: true,
	}
	if fresh {
		tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
			d := net.Dialer{LocalAddr: addrs.next()}
			return d.DialContext(ctx, network, addr)
		}
	}
	return &http.Client{Transport: tr, Timeout: time.Minute}
}
