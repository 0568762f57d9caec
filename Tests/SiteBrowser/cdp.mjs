// A minimal Chrome DevTools Protocol client over --remote-debugging-pipe:
// Chromium reads JSON messages on its file descriptor 3 and writes them on
// 4, each ended by a NUL byte. No WebSocket, no port, no library.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class Browser {
  static async launch(executable) {
    const profile = mkdtempSync(join(tmpdir(), "course-site-chromium-"));
    const child = spawn(executable, [
      "--headless", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
      "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
      "--disable-background-networking", "--disable-extensions", "--mute-audio",
      `--user-data-dir=${profile}`, "about:blank",
    ], { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"] });
    const browser = new Browser(child, profile);
    await browser.send("Target.getTargets");     // waits until the pipe answers
    return browser;
  }

  constructor(child, profile) {
    this.child = child;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    this.stderr = "";
    child.stderr.on("data", (d) => { this.stderr = (this.stderr + d).slice(-4000); });
    this.exited = new Promise((resolve) => child.on("exit", resolve));
    this.exited.then((code) => {
      for (const { reject } of this.pending.values()) reject(new Error(`Chromium exited (${code}): ${this.stderr}`));
      this.pending.clear();
    });
    let buffer = Buffer.alloc(0);
    child.stdio[4].on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const message = JSON.parse(buffer.subarray(0, end).toString("utf8"));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
      else waiter.resolve(message.result);
    } else {
      for (const listener of this.listeners) listener(message);
    }
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.child.stdio[3].write(JSON.stringify(message) + "\0");
    });
  }

  /** Calls `listener(method, params)` for every event of `sessionId`; returns an unsubscribe function. */
  on(sessionId, listener) {
    const wrapped = (m) => { if (m.sessionId === sessionId) listener(m.method, m.params); };
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  /** Resolves with the params of the next `method` event of `sessionId`, or rejects after `ms`. */
  next(sessionId, method, ms) {
    return new Promise((resolve, reject) => {
      const off = this.on(sessionId, (m, p) => { if (m === method) { clearTimeout(timer); off(); resolve(p); } });
      const timer = setTimeout(() => { off(); reject(new Error(`no ${method} within ${ms} ms`)); }, ms);
    });
  }

  async close() {
    try { await Promise.race([this.send("Browser.close"), new Promise((r) => setTimeout(r, 2000))]); } catch { /* already gone */ }
    if (this.child.exitCode === null) this.child.kill("SIGKILL");
    await this.exited;
    rmSync(this.profile, { recursive: true, force: true });
  }
}
