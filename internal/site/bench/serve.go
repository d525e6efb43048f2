package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// serveBench times edit-to-served for `irp serve` and `hugo server` on the
// synthetic site: it appends a new word to one page's source and polls the
// page over HTTP until the word is there, edits times for each, the two
// tools in turn.
func serveBench(dir, irpBin, hugo string, edits int) error {
	const page = "tools/page-0000"
	src := filepath.Join(dir, "content", filepath.FromSlash(page)+".md")
	orig, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	defer os.WriteFile(src, orig, 0o644)
	tools := []struct {
		name string
		argv func(port int) []string
		got  []time.Duration
	}{
		{name: "irp serve", argv: func(port int) []string {
			return []string{irpBin, "serve", "--port", strconv.Itoa(port)}
		}},
		{name: "stock hugo server " + hugoVersion, argv: func(port int) []string {
			return []string{hugo, "server", "--source", dir, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--quiet"}
		}},
	}
	for k := range tools {
		t := &tools[k]
		port, err := freePort()
		if err != nil {
			return err
		}
		argv := t.argv(port)
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Dir = dir
		cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
		if err := cmd.Start(); err != nil {
			return err
		}
		url := fmt.Sprintf("http://127.0.0.1:%d/%s/", port, page)
		if _, err := poll(url, "", 5*time.Minute); err != nil {
			cmd.Process.Kill()
			cmd.Wait()
			return fmt.Errorf("%s: %v", t.name, err)
		}
		for i := 0; i < edits+1; i++ {
			mark := fmt.Sprintf("edited%dx%d", k, i)
			time.Sleep(300 * time.Millisecond) // apart from the last edit's events
			start := time.Now()
			if err := os.WriteFile(src, append(append([]byte(nil), orig...), "\n\n"+mark+"\n"...), 0o644); err != nil {
				return err
			}
			if _, err := poll(url, mark, time.Minute); err != nil {
				cmd.Process.Kill()
				cmd.Wait()
				return fmt.Errorf("%s: %v", t.name, err)
			}
			if i > 0 { // the first edit warms up
				t.got = append(t.got, time.Since(start))
			}
		}
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}
	med := func(ds []time.Duration) time.Duration {
		s := append([]time.Duration(nil), ds...)
		sort.Slice(s, func(a, b int) bool { return s[a] < s[b] })
		return s[len(s)/2]
	}
	for _, t := range tools {
		fmt.Printf("%-40s edit to served: median %-8v runs %v\n", t.name, med(t.got).Round(time.Millisecond), rounded(t.got))
	}
	fmt.Printf("ratio irp serve/hugo server edit to served: %.2f× (target ≤ 1.2×)\n", float64(med(tools[0].got))/float64(med(tools[1].got)))
	return nil
}

// poll gets url until its body holds want (or, want empty, answers 200).
func poll(url, want string, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	for time.Since(start) < limit {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 && strings.Contains(string(body), want) {
				return time.Since(start), nil
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0, fmt.Errorf("%s: no %q after %v", url, want, limit)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
