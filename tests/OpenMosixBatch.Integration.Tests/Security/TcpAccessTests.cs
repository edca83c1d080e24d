using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Integration.Tests.Harness;

namespace OpenMosixBatch.Integration.Tests.Security;

/// <summary>
/// The TCP listener with per-user tokens, against a real server on loopback: tokens stand for their user exactly as
/// the Unix socket's peer uid does, and a request without a valid one learns nothing at all.
/// </summary>
public sealed class TcpAccessTests(TcpServer tcp) : IClassFixture<TcpServer>
{
    [Fact]
    public void WithTcpListen_TheServerListensOnExactlyThatPort() => Assert.Equal([tcp.Port], ListeningPorts.Of(tcp.Server.Pid));

    [RootFact]
    public async Task ValidTokens_WorkForQsubQstatQdel_AndEachUserSeesOnlyTheirOwnJobs()
    {
        var (alice, bob) = (tcp.Alice!, tcp.Bob!);
        await IssueTokenAsync(alice);
        await IssueTokenAsync(bob);
        var viaSwitch = new Dictionary<string, string?>();
        var viaEnvironment = new Dictionary<string, string?> { ["OMB_SERVER"] = tcp.Address };

        var a = await tcp.RunAsAsync(alice, viaSwitch, "qsub", "--server", tcp.Address, "-N", "alices", "--", "/bin/true");
        Assert.True(a.ExitCode == 0, "alice's qsub over TCP: " + a);
        var aliceJob = a.Stdout.Trim();
        var b = await tcp.RunAsAsync(bob, viaEnvironment, "qsub", "-N", "bobs", "-h", "--", "/bin/true");
        Assert.True(b.ExitCode == 0, "bob's qsub over TCP (OMB_SERVER): " + b);
        var bobJob = b.Stdout.Trim();

        var aliceSees = await tcp.RunAsAsync(alice, viaSwitch, "--server", tcp.Address, "qstat", "-x");
        Assert.True(aliceSees.ExitCode == 0, "alice's qstat: " + aliceSees);
        Assert.Contains(aliceJob + " ", aliceSees.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(bobJob + " ", aliceSees.Stdout, StringComparison.Ordinal);
        var aliceRows = JsonSerializer.Deserialize((await tcp.RunAsAsync(alice, viaSwitch, "qstat", "-x", "--json", "--server", tcp.Address)).Stdout, OmbJsonContext.Default.JobListResponse)!.Jobs;
        Assert.Contains(aliceRows, j => j.Id == aliceJob);
        Assert.All(aliceRows, j => Assert.Equal(alice.Name, j.User));
        var bobSees = await tcp.RunAsAsync(bob, viaEnvironment, "qstat", "-x");
        Assert.Contains(bobJob + " ", bobSees.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(aliceJob + " ", bobSees.Stdout, StringComparison.Ordinal);
        var bobRows = JsonSerializer.Deserialize((await tcp.RunAsAsync(bob, viaEnvironment, "qstat", "-x", "--json")).Stdout, OmbJsonContext.Default.JobListResponse)!.Jobs;
        Assert.Contains(bobRows, j => j.Id == bobJob);
        Assert.All(bobRows, j => Assert.Equal(bob.Name, j.User));

        // The ownership rules of the socket, unchanged: bob may neither read nor delete alice's job.
        var peek = await tcp.RunAsAsync(bob, viaEnvironment, "qstat", "-f", aliceJob);
        Assert.Equal(1, peek.ExitCode);
        Assert.DoesNotContain("alices", peek.Stdout + peek.Stderr, StringComparison.Ordinal);
        var steal = await tcp.RunAsAsync(bob, viaEnvironment, "qdel", aliceJob);
        Assert.True(steal.ExitCode == 1, "bob's qdel of alice's job: " + steal);
        var own = await tcp.RunAsAsync(bob, viaEnvironment, "qdel", bobJob);
        Assert.True(own.ExitCode == 0, "bob's qdel of his own job: " + own);

        // Root, on the socket, sees who owns what: the token made the jobs alice's and bob's, not root's.
        var all = await ServerFixture.AllJobsAsync(new Omb(tcp.Home));
        Assert.Equal(alice.Name, all.Single(j => j.Id == aliceJob).User);
        Assert.Equal(bob.Name, all.Single(j => j.Id == bobJob).User);
        Assert.Equal('Q', all.Single(j => j.Id == aliceJob).State);
        Assert.NotEqual('H', all.Single(j => j.Id == bobJob).State);
    }

    [RootFact]
    public async Task MissingBadAndSplicedTokens_Get401WithTheSameBody_AndChangeNothing()
    {
        var (alice, bob) = (tcp.Alice!, tcp.Bob!);
        await IssueTokenAsync(alice);
        await IssueTokenAsync(bob);
        var aliceToken = await ReadTokenAsync(alice);
        var bobToken = await ReadTokenAsync(bob);
        var submitted = await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "qsub", "-N", "secretname", "-h", "--", "/bin/true");
        Assert.True(submitted.ExitCode == 0, "alice's qsub: " + submitted);
        var job = submitted.Stdout.Trim();
        var aliceSecret = aliceToken[(aliceToken.LastIndexOf('.') + 1)..];
        var bobSecret = bobToken[(bobToken.LastIndexOf('.') + 1)..];
        var unknownUid = "omb1.3999999999." + aliceSecret;
        var wrongSecret = $"omb1.{alice.Uid}.{FlipLast(aliceSecret)}";
        var spliced = $"omb1.{alice.Uid}.{bobSecret}";

        string?[] authorizations = [null, "Bearer", "Bearer garbage", "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("alice:x")),
            "Bearer " + unknownUid, "Bearer " + wrongSecret, "Bearer " + spliced, "Bearer " + aliceToken + "x", "Bearer " + new string('A', 4000)];
        (HttpMethod Method, string Path, string? Body)[] requests =
        [
            (HttpMethod.Get, "v1/jobs?finished=true", null),
            (HttpMethod.Get, "v1/jobs/" + job, null),
            (HttpMethod.Post, "v1/jobs/actions", $$"""{"action":"Delete","ids":["{{job}}"]}"""),
            (HttpMethod.Post, "v1/token", """{"revoke":true}"""),
            (HttpMethod.Get, "v1/nodes", null),
            (HttpMethod.Get, "no/such/path", null),
            (HttpMethod.Post, "v1/jobs", "{\"spec\":" + new string('[', 10_000)),
        ];

        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{tcp.Address}/") };
        string? first = null;
        foreach (var authorization in authorizations)
        {
            foreach (var (method, path, body) in requests)
            {
                using var request = new HttpRequestMessage(method, path);
                if (authorization is not null)
                {
                    request.Headers.TryAddWithoutValidation("Authorization", authorization);
                }

                if (body is not null)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                var what = $"{method} {path} with {authorization?[..Math.Min(authorization.Length, 30)] ?? "no Authorization"}";
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what}: {(int)response.StatusCode} {text}");
                first ??= text;
                Assert.True(first == text, $"{what}: body differs from the first refusal:\n{text}\n{first}");
            }
        }

        Assert.DoesNotContain(job, first!, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Name, first!, StringComparison.Ordinal);
        Assert.DoesNotContain("secretname", first!, StringComparison.Ordinal);
        Assert.Equal(ApiErrorKind.Refused, JsonSerializer.Deserialize(first!, OmbJsonContext.Default.ApiError)!.Kind);

        // A 100 MB upload without a token is answered from its headers alone: the body is never read or held.
        using (var raw = new System.Net.Sockets.TcpClient())
        {
            await raw.ConnectAsync(IPAddress.Loopback, tcp.Port);
            var stream = raw.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /v1/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {100 << 20}\r\n\r\n{{\"spec\":"));
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var received = new MemoryStream();
            var buffer = new byte[4096];
            try
            {
                // The server closes the connection after its answer (Connection: close) instead of reading the body.
                int n;
                while ((n = await stream.ReadAsync(buffer, deadline.Token)) > 0)
                {
                    received.Write(buffer, 0, n);
                }
            }
            catch (IOException)
            {
                // A reset after the answer (the unread body still in flight) ends the read just as well.
            }

            var head = Encoding.ASCII.GetString(received.ToArray());
            Assert.Contains("Connection: close", head, StringComparison.OrdinalIgnoreCase);
            Assert.StartsWith("HTTP/1.1 401 ", head, StringComparison.Ordinal);
            Assert.EndsWith(first!, head, StringComparison.Ordinal);
        }

        // Nothing changed: the job is still there and held, and alice's real token still works.
        var all = await ServerFixture.AllJobsAsync(new Omb(tcp.Home));
        Assert.Equal('H', all.Single(j => j.Id == job).State);
        var still = await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "qstat", job);
        Assert.True(still.ExitCode == 0, "alice's token after the refusals: " + still);
        Assert.Equal(0, (await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "qdel", job)).ExitCode);
    }

    [RootFact]
    public async Task ATokenFileOthersCanRead_IsRefusedByTheCli_UntilChmod600()
    {
        var alice = tcp.Alice!;
        await IssueTokenAsync(alice);
        var file = tcp.TokenFileOf(alice);

        foreach (var mode in new[] { "0644", "0640", "0604", "0620" })
        {
            Assert.Equal(0, (await ChildProcess.RunAsync("chmod", [mode, file])).ExitCode);

            var r = await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "qstat");

            Assert.True(r.ExitCode == 2, $"qstat with a token file of mode {mode}: {r}");
            var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains($"chmod 600 {file}", line, StringComparison.Ordinal);
            Assert.Contains($"(mode {mode})", line, StringComparison.Ordinal);
            Assert.Equal(string.Empty, r.Stdout);
        }

        Assert.Equal(0, (await ChildProcess.RunAsync("chmod", ["0600", file])).ExitCode);
        var fixedUp = await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "qstat");
        Assert.True(fixedUp.ExitCode == 0, "qstat after chmod 600: " + fixedUp);
    }

    [RootFact]
    public async Task RotatingAToken_VoidsTheOldOne_AndRevokingVoidsItToo()
    {
        var alice = tcp.Alice!;
        await IssueTokenAsync(alice);
        var old = await ReadTokenAsync(alice);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(old));

        await IssueTokenAsync(alice);
        var rotated = await ReadTokenAsync(alice);

        Assert.NotEqual(old, rotated);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(old));
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(rotated));

        // The CLI with the old token back in place: one line, exit 1, saying how to get a new one.
        await File.WriteAllTextAsync(tcp.TokenFileOf(alice), old + "\n");
        var refused = await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "qstat");
        Assert.True(refused.ExitCode == 1, "qstat with the rotated-out token: " + refused);
        Assert.Equal($"qstat: the omb server at {tcp.Address} refused the token of {tcp.TokenFileOf(alice)} (wrong, expired or revoked): run 'omb token' on the server's host for a new one, and copy the file here with mode 0600",
            refused.Stderr.Trim());

        var revoke = await tcp.RunAsAsync(alice, null, "token", "--revoke");
        Assert.True(revoke.ExitCode == 0, "omb token --revoke: " + revoke);
        Assert.False(File.Exists(tcp.TokenFileOf(alice)));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(rotated));
    }

    [RootFact]
    public async Task TokensAreIssuedOnTheUnixSocketOnly_AndAnUnreachableAddressIsExit3()
    {
        var alice = tcp.Alice!;
        await IssueTokenAsync(alice);

        var overTcp = await tcp.RunAsAsync(alice, null, "--server", tcp.Address, "token");
        Assert.True(overTcp.ExitCode == 2, "omb --server ... token: " + overTcp);

        // A valid token cannot mint another over TCP.
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{tcp.Address}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ReadTokenAsync(alice));
        using var mint = await http.PostAsync("v1/token", new StringContent("""{"revoke":false}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, mint.StatusCode);

        var closed = TcpServer.FreeLoopbackPort();
        var r = await tcp.RunAsAsync(alice, null, "--server", $"127.0.0.1:{closed}", "qstat");
        Assert.True(r.ExitCode == 3, "qstat against a closed port: " + r);
        var line = Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"cannot reach the omb server at 127.0.0.1:{closed} over TCP", line, StringComparison.Ordinal);
    }

    private async Task IssueTokenAsync(TestUser user)
    {
        var r = await tcp.RunAsAsync(user, null, "token");
        Assert.True(r.ExitCode == 0, $"omb token as {user.Name}: {r}");
        Assert.Contains(tcp.TokenFileOf(user), r.Stdout, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(tcp.TokenFileOf(user)));
        var owner = await ChildProcess.RunAsync("stat", ["-c", "%u", tcp.TokenFileOf(user)]);
        Assert.Equal(user.Uid.ToString(CultureInfo.InvariantCulture), owner.Stdout.Trim());
    }

    private async Task<string> ReadTokenAsync(TestUser user) => (await File.ReadAllTextAsync(tcp.TokenFileOf(user))).Trim();

    private async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://{tcp.Address}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync("v1/jobs");
        return response.StatusCode;
    }

    private static string FlipLast(string secret) => secret[..^1] + (secret[^1] == 'A' ? 'Q' : 'A');
}
