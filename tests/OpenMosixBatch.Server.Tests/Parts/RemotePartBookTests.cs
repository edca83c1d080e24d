using Microsoft.Extensions.Time.Testing;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Server.Parts;

namespace OpenMosixBatch.Server.Tests.Parts;

public sealed class RemotePartBookTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch);

    private static TaskEvent Output(long part, string stdout, string stderr = "") =>
        new(TaskEventKind.PartOutput, 7, 0, "node2", DateTimeOffset.UnixEpoch) { PartId = part, Stdout = System.Text.Encoding.UTF8.GetBytes(stdout), Stderr = System.Text.Encoding.UTF8.GetBytes(stderr) };

    private static TaskEvent Ended(long part, int status) =>
        new(TaskEventKind.PartEnded, 7, 0, "node2", DateTimeOffset.UnixEpoch, ExitStatus: status, CpuTime: TimeSpan.FromSeconds(2)) { PartId = part };

    [Fact]
    public async Task ReadAsync_GivesTheOutputFromTheOffsets_ThenTheEndAfterTheLastByte()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);

        Assert.True(book.Observe(Output(id, "hello ", "warn")));
        Assert.False(book.Observe(Ended(id, 3)));
        var first = await book.ReadAsync(id, 1000, 0, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        var again = await book.ReadAsync(id, 1000, 6, 4, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("hello ", System.Text.Encoding.UTF8.GetString(first!.Stdout));
        Assert.Equal("warn", System.Text.Encoding.UTF8.GetString(first.Stderr));
        Assert.Equal(3, first.ExitStatus);
        Assert.Null(again);
    }

    [Fact]
    public async Task ReadAsync_EndBeforeUnreadBytes_WaitsForTheBytesToBeRead()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        book.Observe(Output(id, "abc"));
        book.Observe(Ended(id, 0));

        var partial = await book.ReadAsync(id, 1000, 1, 0, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("bc", System.Text.Encoding.UTF8.GetString(partial!.Stdout));
        Assert.Equal(0, partial.ExitStatus);
    }

    [Fact]
    public async Task OpenTerminal_RelaysTheJobsTerminal_WhoseEndIsNotAPartsForTheQueue()
    {
        var book = new RemotePartBook(_time);
        var id = book.OpenTerminal(7, 1000)!.Value;

        Assert.Equal(id, book.OpenTerminal(7, 1000));
        Assert.Null(book.OpenTerminal(7, 1001));
        Assert.Equal((7L, 0, ""), book.Find(id, 1000));
        Assert.Null(book.Find(id, 1001));
        Assert.True(book.Observe(Output(id, "$ ")));
        Assert.True(book.Observe(Ended(id, 3)));
        var read = await book.ReadAsync(id, 1000, 0, 0, TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal("$ ", System.Text.Encoding.UTF8.GetString(read!.Stdout));
        Assert.Equal(3, read.ExitStatus);
        Assert.Null(book.Find(id, 1000));
    }

    [Fact]
    public async Task ReadAsync_AnotherUsersPart_IsNone()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);

        Assert.Null(await book.ReadAsync(id, 1001, 0, 0, TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Open_DropsEndsNobodyReadForAMinute()
    {
        var book = new RemotePartBook(_time);
        var id = book.Open(7, 0, "node2", 1000);
        book.Observe(Ended(id, 0));

        _time.Advance(RemotePartBook.UnreadEndKept + TimeSpan.FromSeconds(1));
        book.Open(7, 0, "node2", 1000);

        Assert.Null(await book.ReadAsync(id, 1000, 0, 0, TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public void Observe_AnyOtherEvent_IsTheQueues() =>
        Assert.False(new RemotePartBook(_time).Observe(new TaskEvent(TaskEventKind.Started, 7, 0, "node1", DateTimeOffset.UnixEpoch)));
}
