using System.Text;
using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Execution;
using OpenMosixBatch.Server.Parts;

namespace OpenMosixBatch.Server.Tests.Parts;

/// <summary>
/// A server restarted while a qsub -I session ran: the world it adopted brings the terminal's output, for which this
/// server opened no relay, and the client reattaches with what it read from the server before.
/// </summary>
public sealed class RemotePartBookTerminalResumeTests
{
    private const long Job = 7;
    private const uint Owner = 1000;
    private static readonly long Terminal = InteractiveSession.TerminalIdOf(Job);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    private static TaskEvent Output(long part, string stdout) =>
        new(TaskEventKind.PartOutput, Job, 0, "node2", DateTimeOffset.UnixEpoch) { PartId = part, Stdout = Encoding.UTF8.GetBytes(stdout) };

    private static TaskEvent Ended(long part, int status) =>
        new(TaskEventKind.PartEnded, Job, 0, "node2", DateTimeOffset.UnixEpoch, ExitStatus: status) { PartId = part };

    [Fact]
    public async Task AdoptTerminals_OutputBeforeTheClientReattaches_IsReadFromWhereTheClientStopped()
    {
        var book = new RemotePartBook(_time);
        var events = new[] { Output(Terminal, "after the restart\n") };

        book.AdoptTerminals(events, id => id == Job ? Owner : null);
        Assert.True(book.Observe(events[0]));
        var reopened = book.OpenTerminal(Job, Owner, resumeAt: 500);
        var read = await book.ReadAsync(Terminal, Owner, 500, 0, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal(Terminal, reopened);
        Assert.Equal("after the restart\n", Encoding.UTF8.GetString(read!.Stdout));
        var next = await book.ReadAsync(Terminal, Owner, 518, 0, TimeSpan.Zero, CancellationToken.None);
        Assert.Empty(next!.Stdout);
    }

    [Fact]
    public async Task AdoptTerminals_SessionEndedWhileTheServerWasAway_ItsEndWaitsForTheReader()
    {
        var book = new RemotePartBook(_time);
        var events = new[] { Output(Terminal, "bye\n"), Ended(Terminal, 4) };

        book.AdoptTerminals(events, _ => Owner);
        Assert.All(events, e => book.Observe(e));

        Assert.Null(book.FindTerminal(Job, Owner + 1, 10));
        Assert.Equal(Terminal, book.FindTerminal(Job, Owner, 10));
        var read = await book.ReadAsync(Terminal, Owner, 10, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        Assert.Equal("bye\n", Encoding.UTF8.GetString(read!.Stdout));
        Assert.Equal(4, read.ExitStatus);
    }

    [Fact]
    public void AdoptTerminals_NotAnInteractiveJobsOrAPartsOutput_OpensNothing()
    {
        var book = new RemotePartBook(_time);

        book.AdoptTerminals([Output(Terminal, "x"), Output(5, "y")], _ => null);
        book.AdoptTerminals([Output(5, "y")], _ => Owner);

        Assert.Null(book.FindTerminal(Job, Owner, null));
        Assert.Null(book.Find(5, Owner));
    }

    [Fact]
    public async Task OpenTerminal_ResumeOnARelayAlreadyRead_KeepsItsNumbering()
    {
        var book = new RemotePartBook(_time);
        book.OpenTerminal(Job, Owner);
        book.Observe(Output(Terminal, "abc"));
        await book.ReadAsync(Terminal, Owner, 0, 0, TimeSpan.Zero, CancellationToken.None);

        // The same server, reached again after a broken connection: the reader's offset is this server's own.
        book.OpenTerminal(Job, Owner, resumeAt: 1);
        book.Observe(Output(Terminal, "d"));
        var read = await book.ReadAsync(Terminal, Owner, 3, 0, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("d", Encoding.UTF8.GetString(read!.Stdout));
    }
}
