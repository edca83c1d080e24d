using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenMosixBatch.Integration.Tests.Harness;

/// <summary>
/// One Chromium tab over the DevTools protocol (System.Net.WebSockets, no package): navigate, evaluate, screenshot, and
/// a record of what the page did that a test checks — every request's URL, console errors and uncaught exceptions.
/// </summary>
public sealed class DevToolsPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private DevToolsPage(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    /// <summary>Every URL the page requested (documents, scripts, styles, fetches), in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Console errors, uncaught exceptions and browser log errors.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static async Task<DevToolsPage> ConnectAsync(Uri url)
    {
        var socket = new ClientWebSocket();
        socket.Options.Proxy = null;
        await socket.ConnectAsync(url, CancellationToken.None);
        var page = new DevToolsPage(socket);
        foreach (var domain in new[] { "Page", "Runtime", "Network", "Log" })
        {
            await page.SendAsync(domain + ".enable");
        }

        return page;
    }

    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        return await answer.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public Task NavigateAsync(string url) => SendAsync("Page.navigate", new JsonObject { ["url"] = url });

    /// <summary>The value of a JavaScript expression (awaited when it is a promise), as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var r = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (r.TryGetProperty("exceptionDetails", out var ex))
        {
            throw new InvalidOperationException($"evaluating {expression}: {ex}");
        }

        return r.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls <paramref name="expression"/> until it is true (an exception, as while the page loads, counts as false); fails naming <paramref name="what"/> and the page's errors.</summary>
    public async Task WaitForAsync(string expression, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await EvaluateAsync($"(() => {{ try {{ return !!({expression}); }} catch {{ return false; }} }})()");
            if (value.ValueKind == JsonValueKind.True)
            {
                return;
            }

            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"timed out waiting for {what} ({expression}); page errors: {string.Join(" | ", Errors)}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
        }
    }

    /// <summary>A PNG of the whole page (not only the window), written to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path)
    {
        var height = (await EvaluateAsync("Math.ceil(document.documentElement.scrollHeight)")).GetInt32();
        var width = (await EvaluateAsync("Math.ceil(document.documentElement.scrollWidth)")).GetInt32();
        var shot = await SendAsync("Page.captureScreenshot", new JsonObject
        {
            ["format"] = "png",
            ["captureBeyondViewport"] = true,
            ["clip"] = new JsonObject { ["x"] = 0, ["y"] = 0, ["width"] = width, ["height"] = height, ["scale"] = 1 },
        });
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
            // The browser may already be gone; nothing to tidy.
        }

        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException or OperationCanceledException)
        {
            // As above.
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (_socket.State == WebSocketState.Open && !_stop.IsCancellationRequested)
        {
            var r = await _socket.ReceiveAsync(buffer, _stop.Token);
            if (r.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            message.Write(buffer, 0, r.Count);
            if (!r.EndOfMessage)
            {
                continue;
            }

            using (var doc = JsonDocument.Parse(message.ToArray()))
            {
                Dispatch(doc.RootElement);
            }

            message.SetLength(0);
        }
    }

    private void Dispatch(JsonElement m)
    {
        if (m.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
        {
            if (m.TryGetProperty("error", out var error))
            {
                answer.TrySetException(new InvalidOperationException("DevTools error: " + error));
            }
            else
            {
                answer.TrySetResult(m.GetProperty("result").Clone());
            }

            return;
        }

        if (!m.TryGetProperty("method", out var method) || !m.TryGetProperty("params", out var p))
        {
            return;
        }

        switch (method.GetString())
        {
            case "Network.requestWillBeSent":
                Requests.Enqueue(p.GetProperty("request").GetProperty("url").GetString()!);
                break;
            case "Runtime.consoleAPICalled" when p.GetProperty("type").GetString() is "error" or "assert":
                Errors.Enqueue("console: " + p.GetProperty("args").ToString());
                break;
            case "Runtime.exceptionThrown":
                Errors.Enqueue("exception: " + p.GetProperty("exceptionDetails").ToString());
                break;
            case "Log.entryAdded" when p.GetProperty("entry").GetProperty("level").GetString() == "error":
                Errors.Enqueue("log: " + p.GetProperty("entry").GetProperty("text").GetString() + " " + p.GetProperty("entry").GetProperty("url"));
                break;
        }
    }
}
