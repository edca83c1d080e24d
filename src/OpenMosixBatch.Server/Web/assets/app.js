// The dashboard's pages: each path draws one section from the server's JSON, polled every few seconds.
// Text from the server goes into the page with textContent only, never as HTML.
"use strict";

const page = { "/": "overview", "/plots": "plots", "/migrations": "migrations", "/jobs": "jobs" }[location.pathname] || "overview";
const $ = (id) => document.getElementById(id);
const charts = {};

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function pct(x) { return x === null || x === undefined ? "–" : Math.round(x * 100) + "%"; }
function bytes(n) {
  if (n === null || n === undefined) return "–";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return (i === 0 ? n : n.toFixed(n < 10 ? 1 : 0)) + " " + units[i];
}
function duration(s) {
  if (s === null || s === undefined) return "–";
  s = Math.round(s);
  if (s < 60) return s + " s";
  if (s < 3600) return Math.floor(s / 60) + " min " + (s % 60) + " s";
  return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
}
function clock(t) { return t ? new Date(t).toLocaleTimeString() : "–"; }

function bar(fraction, cls, label, mark, under) {
  const b = el("div", "bar");
  if (under !== undefined && under !== null) {
    const a = el("div", "fill alloc");
    a.style.width = Math.min(100, under * 100) + "%";
    b.append(a);
  }
  const f = el("div", "fill " + (cls || ""));
  f.style.width = Math.min(100, Math.max(0, (fraction || 0) * 100)) + "%";
  b.append(f);
  if (mark !== undefined) {
    const m = el("div", "mark");
    m.style.left = (mark * 100) + "%";
    b.append(m);
  }
  b.append(el("span", "label", label));
  return b;
}

async function get(path) {
  const r = await fetch(path, { credentials: "same-origin", cache: "no-store" });
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

function showSession(session) {
  $("user").textContent = session ? session.user + (session.administrator ? " (administrator)" : "") : "not logged in";
  $("logout").hidden = !session;
}

function gauge(prefix, value, threshold, detail) {
  const fill = $(prefix + "-fill");
  fill.style.width = Math.min(100, value * 100) + "%";
  fill.className = "fill " + (prefix === "mem" ? "mem " : "") + (value > threshold ? "over" : "");
  $(prefix + "-mark").style.left = (threshold * 100) + "%";
  $(prefix + "-text").textContent = pct(value) + " of threshold " + pct(threshold) + " — " + detail;
}

async function overview() {
  const o = await get("/api/overview");
  const c = o.cluster;
  gauge("cpu", c.cpuUtilization, c.cpuThreshold, `${c.allocatedCpus} of ${c.cpus} CPUs allocated, measured ${pct(c.cpuMeasured)} (${c.mode})`);
  gauge("mem", c.memoryUtilization, c.memoryThreshold, `${bytes(c.allocatedMemoryBytes)} of ${bytes(c.memoryBytes)} allocated, measured ${pct(c.memoryMeasured)}`);
  const counts = $("counts");
  counts.replaceChildren();
  for (const [k, label] of [["queued", "queued"], ["held", "held"], ["waiting", "waiting"], ["running", "running"],
    ["migrating", "migrating"], ["exiting", "exiting"], ["runningTasks", "tasks on nodes"]]) {
    const t = el("div", "tile");
    t.id = "count-" + k;
    t.append(el("b", null, o.jobs[k]), el("span", null, label));
    counts.append(t);
  }
  const up = el("div", "tile");
  up.id = "count-nodes";
  up.append(el("b", null, `${c.nodesUp}/${c.nodesTotal}`), el("span", null, "nodes up"));
  counts.append(up);
  const body = $("nodes").tBodies[0];
  body.replaceChildren();
  for (const n of o.nodes) {
    const tr = el("tr");
    tr.dataset.node = n.name;
    const name = el("td", null, n.name);
    const state = el("td");
    state.append(el("span", "state " + n.state, n.state));
    const load = el("td");
    load.append(bar(n.cpuMeasured, "", pct(n.cpuMeasured)));
    const cpus = el("td");
    cpus.append(bar(n.cpus ? n.allocatedCpus / n.cpus : 0, "", `${n.allocatedCpus}/${n.cpus}`));
    const mem = el("td");
    mem.append(bar(n.memoryMeasured, "mem", `${bytes(n.allocatedMemoryBytes)} / ${bytes(n.memoryBytes)}`, undefined,
      n.memoryBytes ? n.allocatedMemoryBytes / n.memoryBytes : 0));
    const avg = el("td", "num", n.loadAverage === null ? "–" : n.loadAverage.toFixed(2));
    const speed = el("td", "num", n.speed.toFixed(1));
    const tasks = el("td", "tasks", n.tasks + (n.taskIds.length ? ": " + n.taskIds.join(", ") : "") + (n.comment ? " — " + n.comment : ""));
    tasks.dataset.tasks = n.tasks;
    tr.append(name, state, load, cpus, mem, avg, speed, tasks);
    body.append(tr);
  }
  $("world").textContent = o.worldAttached ? "world attached" : "no world";
  $("world").className = "badge " + (o.worldAttached ? "ok" : "bad");
  $("overview-note").textContent = "Bars: measured CPU busy share; CPUs the scheduler allocated; memory measured in use (dark) over allocated (light). "
    + "The cluster gauges are the utilisation admission compares with its thresholds (black mark).";
  showSession(o.session);
}

function chart(id, series, data, opts) {
  const box = $(id);
  const width = Math.max(300, box.clientWidth || box.parentElement.clientWidth - 24);
  if (charts[id]) { charts[id].setData(data); return; }
  charts[id] = new uPlot(Object.assign({
    width, height: 200, series: [{}].concat(series), legend: { live: false },
    axes: [{ space: 80 }, { size: 50 }], scales: { x: { time: true } }, cursor: { drag: { x: false, y: false } },
  }, opts || {}), data, box);
}

function line(label, stroke, extra) { return Object.assign({ label, stroke, width: 2, spanGaps: true }, extra || {}); }

async function plots() {
  const h = await get("/api/history");
  $("plots-note").textContent = `${h.time.length} samples, one every ${h.intervalSeconds} s, covering the last `
    + duration(h.time.length > 1 ? h.time[h.time.length - 1] - h.time[0] : 0) + " (kept in the server's memory only).";
  chart("chart-queue", [line("queued", "#2f7dd1"), line("held", "#8a96a3"), line("waiting", "#d98a00")], [h.time, h.queued, h.held, h.waiting]);
  chart("chart-running", [line("running", "#2e9e5b"), line("migrating", "#c93c3c")], [h.time, h.runningTasks, h.migratingTasks]);
  chart("chart-throughput", [line("ended / min", "#2f7dd1", { fill: "rgba(47,125,209,0.12)" })], [h.time, h.endedPerMinute]);
  chart("chart-wait", [line("mean wait of jobs started", "#7b4fc9", { points: { show: true, size: 4 } }), line("oldest queued job", "#d98a00")],
    [h.time, h.meanWaitSeconds, h.longestWaitSeconds]);
  chart("chart-util", [line("CPU %", "#2f7dd1"), line("memory %", "#7b4fc9"),
    line("CPU threshold", "#2f7dd1", { dash: [6, 4], width: 1, points: { show: false } }),
    line("memory threshold", "#7b4fc9", { dash: [6, 4], width: 1, points: { show: false } })],
  [h.time, h.cpuUtilization, h.memoryUtilization, h.cpuThreshold, h.memoryThreshold], { scales: { x: { time: true }, y: { range: [0, 100] } } });
}

async function migrations() {
  const m = await get("/api/migrations");
  $("migrations-note").textContent = `${m.total} moves in all; below, each task's latest move of the last hour and the moves in flight, newest first.`;
  const body = $("moves").tBodies[0];
  body.replaceChildren();
  if (m.moves.length === 0) {
    const tr = el("tr");
    const td = el("td", "note", "No task moved in the last hour.");
    td.colSpan = 6;
    tr.append(td);
    body.append(tr);
  }
  for (const v of m.moves) {
    const tr = el("tr");
    Object.assign(tr.dataset, { from: v.from, to: v.to, bytes: v.bytes, costMs: v.costSeconds === null ? "" : Math.round(v.costSeconds * 1000) });
    const move = el("td");
    move.append(el("b", null, v.from), el("span", "arrow", "→"), el("b", null, v.to));
    tr.append(el("td", null, clock(v.time)), el("td", null, v.task ?? "(log in to see)"), move, el("td", "num", bytes(v.bytes)),
      el("td", "num", v.costSeconds === null ? "–" : v.costSeconds.toFixed(2) + " s"), el("td", null, v.inFlight ? "in flight" : "done"));
    body.append(tr);
  }
}

async function jobs() {
  const j = await get("/api/jobs");
  showSession(j.session);
  $("login").hidden = !!j.session;
  $("joblist").hidden = !j.session;
  if (!j.session) return;
  $("jobs-note").textContent = j.session.administrator ? "All users' jobs (you are an administrator)." : "Your jobs.";
  const body = $("jobtable").tBodies[0];
  body.replaceChildren();
  for (const r of j.jobs) {
    const tr = el("tr");
    tr.dataset.id = r.id;
    const s = el("td");
    s.append(el("span", "state " + r.state, r.state));
    tr.append(el("td", null, r.id), el("td", null, r.name), el("td", null, r.user), s, el("td", null, r.queue), el("td", "num", r.tasks),
      el("td", null, r.nodes ?? ""), el("td", "num", duration(r.waitSeconds)),
      el("td", null, r.estimatedStart ? new Date(r.estimatedStart).toLocaleString() : (r.state === "Q" ? "unknown" : "")),
      el("td", "reason", r.reason ?? ""));
    body.append(tr);
  }
}

async function refresh() {
  try {
    if (page === "overview") await overview();
    else if (page === "plots") await plots();
    else if (page === "migrations") await migrations();
    else await jobs();
    if (page !== "overview") {
      const o = await get("/api/overview");
      $("world").textContent = o.worldAttached ? "world attached" : "no world";
      $("world").className = "badge " + (o.worldAttached ? "ok" : "bad");
      if (page !== "jobs") showSession(o.session);
    }
    $("refreshed").textContent = new Date().toLocaleTimeString();
    document.body.dataset.loaded = "true";
  } catch (e) {
    $("refreshed").textContent = "failed (" + e.message + "), retrying";
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $(page).hidden = false;
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.page === page);
  $("login").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const r = await fetch("/api/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: $("token").value }) });
    const answer = await r.json();
    $("token").value = "";
    $("login-error").textContent = answer.ok ? "" : answer.message;
    await refresh();
  });
  $("logout").addEventListener("click", async () => {
    await fetch("/api/logout", { method: "POST" });
    await refresh();
  });
  refresh();
  setInterval(refresh, page === "plots" ? 5000 : 2000);
});
