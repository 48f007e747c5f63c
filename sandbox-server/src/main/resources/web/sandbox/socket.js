// The WebSocket to /ws/optimization: subscribes to everything, reconnects by itself, and after a
// reconnect asks for the lines it missed (afterSeq = the last seq it saw of each job). A job's lines
// reach the page in seq order only: a line that skips ahead (the server dropped some while the page
// read slowly) is not shown; the page asks for the job again from its last line, and the server sends
// the rest in order.
import { api, socketUrl } from './api.js';
import { isFinal } from './jobstatus.js';

export { isFinal };

export class EventSocket {
  constructor({ onEvent, onStatus }) {
    this.onEvent = onEvent;
    this.onStatus = onStatus;
    this.lastSeq = new Map();     // jobId -> last seq delivered to the page
    this.askedFrom = new Map();   // jobId -> the seq this connection last asked the job again from
    this.openJobs = new Set();    // jobs started but not yet ended
    this.retryMs = 500;
    this.disconnectedAt = null;
  }

  connect() {
    this.onStatus('connecting');
    const ws = new WebSocket(socketUrl());
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 500;
      this.askedFrom = new Map();
      this.onStatus('up');
      ws.send(JSON.stringify({ action: 'subscribe' }));
      if (this.disconnectedAt !== null) this.replayMissed();
    };
    ws.onmessage = (message) => this.receive(message.data);
    ws.onclose = () => {
      if (this.ws !== ws) return;
      if (this.disconnectedAt === null) this.disconnectedAt = Date.now();
      this.onStatus('down');
      if (this.suspended) return;
      setTimeout(() => this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
    ws.onerror = () => ws.close();
  }

  /** Drops the connection and stays offline until resume() (lets browser tests cut the network). */
  suspend() {
    this.suspended = true;
    if (this.ws) this.ws.close();
  }

  resume() {
    this.suspended = false;
    this.connect();
  }

  async replayMissed() {
    const since = this.disconnectedAt;
    this.disconnectedAt = null;
    const jobs = new Set(this.openJobs);
    try {
      const recent = await api.jobs(undefined, undefined, 50);
      for (const job of recent.jobs || []) {
        const created = Date.parse(job.createdAt || job.created_at || 0);
        if (!isFinal(job.status) || created >= since - 1000) jobs.add(job.jobId || job.id);
      }
    } catch { /* the open jobs alone are still replayed */ }
    for (const jobId of jobs) {
      this.ws.send(JSON.stringify({ action: 'subscribe', jobId, afterSeq: this.lastSeq.get(jobId) || 0 }));
    }
  }

  /** Follows the job again from line `afterSeq`, once per position: its lines then come in order. */
  askFrom(jobId, afterSeq) {
    if (this.askedFrom.get(jobId) === afterSeq) return; // asked already: the lines are on their way
    this.askedFrom.set(jobId, afterSeq);
    this.ws.send(JSON.stringify({ action: 'subscribe', jobId, afterSeq }));
  }

  receive(raw) {
    let message;
    try { message = JSON.parse(raw); } catch { return; }
    if (message?.event === 'optimization:batch') { // several events in one message, in order
      for (const inner of message.data?.events || []) this.handle(inner);
      return;
    }
    this.handle(message);
  }

  handle(message) {
    const { event, data } = message || {};
    if (!data) return;
    if (event === 'optimization:lagged') { // the server dropped messages for us: ask for the missed lines
      for (const jobId of Object.keys(data.lastSeq || {})) this.askFrom(jobId, this.lastSeq.get(jobId) || 0);
      return;
    }
    const jobId = data.jobId;
    if (event === 'optimization:log') {
      const last = this.lastSeq.get(jobId) || 0;
      if (data.seq <= last) return; // already shown (live and replay overlap after a reconnect)
      // Of a job the page follows (seen from its start or a line on), lines before this one were dropped: shown
      // now, they could never be shown in order. A job first seen in the middle starts where it is seen.
      if (data.seq > last + 1 && this.lastSeq.has(jobId)) {
        this.askFrom(jobId, last);
        return;
      }
      this.lastSeq.set(jobId, data.seq);
    } else if (event === 'optimization:started') {
      if (this.openJobs.has(jobId) || this.lastSeq.has(jobId)) return;
      this.openJobs.add(jobId);
      this.lastSeq.set(jobId, 0);
    } else if (event === 'optimization:completed' || event === 'optimization:failed') {
      if (!this.openJobs.has(jobId) && this.ended?.has(jobId)) return;
      this.openJobs.delete(jobId);
      (this.ended ||= new Set()).add(jobId);
    }
    this.onEvent(event, data);
  }
}
