using System.Text.Json;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Core.Tests.Jobs;

public sealed class ExecutionHostsTests
{
    [Fact]
    public void Parse_JoinedNames_GivesTheChunksInOrder_AndToStringJoinsThemBack()
    {
        var hosts = ExecutionHosts.Parse("node2,node1,node2");

        Assert.Equal(["node2", "node1", "node2"], hosts);
        Assert.Equal("node2", hosts.First);
        Assert.Equal(["node2", "node1"], hosts.Distinct());
        Assert.Equal("node2,node1,node2", hosts.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("node1,")]
    [InlineData(",node1")]
    [InlineData("node1,,node2")]
    public void Parse_AnEmptyName_IsRefused(string joined) =>
        Assert.Throws<FormatException>(() => ExecutionHosts.Parse(joined));

    [Fact]
    public void Of_ANameHoldingTheSeparator_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ExecutionHosts.Of(["node1,node2"]));

    [Fact]
    public void Contains_IsPerName_NotPerSubstring()
    {
        var hosts = ExecutionHosts.Parse("node10,node2");

        Assert.True(hosts.Contains("node2"));
        Assert.False(hosts.Contains("node1"));
        Assert.False(hosts.Contains(null));
    }

    [Fact]
    public void WithFirst_MovesOnlyTheFirstChunk()
    {
        var hosts = ExecutionHosts.Parse("node1,node2");

        Assert.Equal(ExecutionHosts.Parse("node3,node2"), hosts.WithFirst("node3"));
        Assert.Equal(ExecutionHosts.Parse("node1,node2"), hosts);
    }

    [Fact]
    public void Json_IsTheJoinedString_BothWays()
    {
        var task = new JobTask(0, JobState.Running) { Node = ExecutionHosts.Parse("node1,node2") };

        var json = JsonSerializer.Serialize(task.Node);
        Assert.Equal("\"node1,node2\"", json);
        Assert.Equal(task.Node, JsonSerializer.Deserialize<ExecutionHosts>(json));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ExecutionHosts>("[\"node1\"]"));
    }
}
