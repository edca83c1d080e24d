using OpenMosixBatch.Server.Hosting;

namespace OpenMosixBatch.Server.Tests.Hosting;

public sealed class ConnectionCounterTests
{
    [Fact]
    public void TryOpen_UpToTheUsersLimit_Admits_ThenRefusesThatUserOnly()
    {
        var counter = new ConnectionCounter(perUser: 3, total: 100);

        var admitted = Enumerable.Range(0, 3).Select(i => counter.TryOpen(1001, out _)).ToList();
        var over = counter.TryOpen(1001, out var first);
        var other = counter.TryOpen(1002, out _);

        Assert.All(admitted, a => Assert.Equal(ConnectionRefusal.None, a));
        Assert.Equal(ConnectionRefusal.OverUserLimit, over);
        Assert.True(first);
        Assert.Equal(ConnectionRefusal.None, other);
        Assert.Equal(3, counter.OpenBy(1001));
        Assert.Equal(4, counter.Open);
    }

    [Fact]
    public void TryOpen_AtTheTotalLimit_RefusesEveryone()
    {
        var counter = new ConnectionCounter(perUser: 2, total: 3);
        counter.TryOpen(1, out _);
        counter.TryOpen(1, out _);
        counter.TryOpen(2, out _);

        Assert.Equal(ConnectionRefusal.OverTotalLimit, counter.TryOpen(3, out _));
        Assert.Equal(ConnectionRefusal.OverUserLimit, counter.TryOpen(1, out _));
    }

    [Fact]
    public void Close_FreesTheSlot_ForTheSameUserAgain()
    {
        var counter = new ConnectionCounter(perUser: 1, total: 10);
        counter.TryOpen(7, out _);
        Assert.Equal(ConnectionRefusal.OverUserLimit, counter.TryOpen(7, out _));

        counter.Close(7);

        Assert.Equal(ConnectionRefusal.None, counter.TryOpen(7, out _));
        Assert.Equal(1, counter.Open);
    }

    [Fact]
    public void TryOpen_AFloodOfRefusals_IsFirstOnlyOnce_UntilTheUserClosesOne()
    {
        var counter = new ConnectionCounter(perUser: 1, total: 10);
        counter.TryOpen(7, out _);

        var firsts = Enumerable.Range(0, 1000).Count(i => counter.TryOpen(7, out var first) != ConnectionRefusal.None && first);
        counter.Close(7);
        counter.TryOpen(7, out _);
        counter.TryOpen(7, out var again);

        Assert.Equal(1, firsts);
        Assert.True(again);
    }

    [Fact]
    public void OpenAndClose_FromManyThreads_EndsWithNothingOpen()
    {
        var counter = new ConnectionCounter(perUser: 8, total: 20);

        Parallel.For(0, 10_000, i =>
        {
            var user = (uint)(i % 5);
            if (counter.TryOpen(user, out _) == ConnectionRefusal.None)
            {
                Assert.True(counter.OpenBy(user) <= 8);
                counter.Close(user);
            }
        });

        Assert.Equal(0, counter.Open);
    }
}
