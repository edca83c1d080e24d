using System.Net.Sockets;
using OpenMosixBatch.Api.Client;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Tests;

public class ErrorReportTests
{
    public static TheoryData<Exception, int> Cases() => new()
    {
        { CliFailureException.Usage("bad: fix"), ExitCodes.BadUsage },
        { CliFailureException.Refused("no: fix"), ExitCodes.Refused },
        { new ApiException(new ApiError(ApiErrorKind.Refused, "unknown job 99: check the id with 'qstat -x'")), ExitCodes.Refused },
        { new ApiException(new ApiError(ApiErrorKind.BadInput, "no node has 64gb: ask for less")), ExitCodes.BadUsage },
        { new ApiException(new ApiError(ApiErrorKind.Unavailable, "store failed: retry")), ExitCodes.ServerUnreachable },
        { new ApiException(new ApiError(ApiErrorKind.StorageFull, "could not store the change: the disk is full")), ExitCodes.ServerUnreachable },
        { new ServerUnreachableException("/tmp/x.sock", new SocketException()), ExitCodes.ServerUnreachable },
        { new HttpRequestException("reset"), ExitCodes.ServerUnreachable },
        { new ServerUnreachableException("127.0.0.1:7070", new HttpRequestException("Connection refused")) { OverTcp = true }, ExitCodes.ServerUnreachable },
        { new TokenRefusedException("127.0.0.1:7070"), ExitCodes.Refused },
        { new TaskCanceledException("timeout"), ExitCodes.ServerUnreachable },
        { new IOException("disk"), ExitCodes.BadUsage },
        { new InvalidOperationException("boom"), ExitCodes.BadUsage },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void From_EachKind_ExitCodeAndOneLinePrefixedWithTheVerb(Exception error, int expected)
    {
        var (code, line) = ErrorReport.From("qsub", error);

        Assert.Equal(expected, code);
        Assert.StartsWith("qsub: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', line);
    }

    [Fact]
    public void From_ApiError_PrintsTheServersMessage()
    {
        var (_, line) = ErrorReport.From("qdel", new ApiException(new ApiError(ApiErrorKind.Refused, "unknown job 99: check the id with 'qstat -x'")));

        Assert.Equal("qdel: unknown job 99: check the id with 'qstat -x'", line);
    }

    [Fact]
    public void From_TokenRefused_SaysHowToGetANewToken()
    {
        var (_, line) = ErrorReport.From("qstat", new TokenRefusedException("h:7070"));

        Assert.StartsWith("qstat: the omb server at h:7070 refused the token of ", line, StringComparison.Ordinal);
        Assert.Contains("run 'omb token' on the server's host", line, StringComparison.Ordinal);
    }

    [Fact]
    public void From_UnreachableOverTcp_NamesTheAddressAndTheListenKey()
    {
        var (_, line) = ErrorReport.From("qstat", new ServerUnreachableException("h:7070", new HttpRequestException("Connection refused (h:7070)")) { OverTcp = true });

        Assert.Contains("at h:7070 over TCP (Connection refused", line, StringComparison.Ordinal);
        Assert.Contains("Omb:Tcp:Listen", line, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Unreachable_SaysHowToStartTheServer()
    {
        var (_, line) = ErrorReport.From("qstat", new ServerUnreachableException("/tmp/x.sock", new SocketException((int)SocketError.AddressNotAvailable)));

        Assert.Contains("./omb server", line, StringComparison.Ordinal);
    }

    [Fact]
    public void From_MultiLineMessage_IsFoldedToOneLine()
    {
        var (_, line) = ErrorReport.From("qsub", new IOException("first\nsecond"));

        Assert.Equal("qsub: first second: check the path and its permissions", line);
    }
}
