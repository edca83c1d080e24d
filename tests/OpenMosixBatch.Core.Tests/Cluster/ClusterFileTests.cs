using OpenMosixBatch.Core.Cluster;

namespace OpenMosixBatch.Core.Tests.Cluster;

public sealed class ClusterFileTests
{
    [Fact]
    public void Parse_DefaultsAndOverrides()
    {
        var nodes = ClusterFile.Parse("{\"defaults\":{\"cpus\":2,\"memory\":\"4gb\"},\"nodes\":[{\"name\":\"a\"},{\"name\":\"b\",\"cpus\":8,\"memory\":\"16gb\",\"speed\":1.5}]}", "c.json");

        Assert.Equal(("a", 2, 4L << 30, 1.0), (nodes[0].Name, nodes[0].Cpus, nodes[0].MemoryBytes, nodes[0].Speed));
        Assert.Equal(("b", 8, 16L << 30, 1.5), (nodes[1].Name, nodes[1].Cpus, nodes[1].MemoryBytes, nodes[1].Speed));
    }

    [Fact]
    public void Parse_CpuSet_IsCanonicalAndReachesTheWorldShape()
    {
        var nodes = ClusterFile.Parse("{\"nodes\":[{\"name\":\"a\",\"cpus\":4,\"memory\":\"1gb\",\"cpuset\":\"1,0\"},{\"name\":\"b\",\"cpus\":1,\"memory\":\"1gb\",\"cpuset\":1}]}", "c.json");

        Assert.Equal(["0-1", "1"], nodes.Select(n => n.CpuSet));
    }

    [Fact]
    public void Parse_GpusAndProperties_AreKeptWithDefaults()
    {
        var nodes = ClusterFile.Parse(
            "{\"defaults\":{\"cpus\":2,\"memory\":\"4gb\",\"properties\":[\"ib\"]},\"nodes\":[{\"name\":\"a\"},{\"name\":\"b\",\"gpus\":2,\"properties\":[\"ib\",\"bigmem\"]}]}", "c.json");

        Assert.Equal((0, 2), (nodes[0].Gpus, nodes[1].Gpus));
        Assert.Equal(["ib"], nodes[0].Properties);
        Assert.Equal(["ib", "bigmem"], nodes[1].Properties);
    }

    [Fact]
    public void Parse_GpusZero_IsDeclared_AndAnAbsentKeyIsNot()
    {
        var nodes = ClusterFile.Parse(
            "{\"defaults\":{\"cpus\":2,\"memory\":\"4gb\"},\"nodes\":[{\"name\":\"a\",\"gpus\":0},{\"name\":\"b\"},{\"name\":\"c\",\"gpus\":2}]}", "c.json");
        var defaulted = ClusterFile.Parse("{\"defaults\":{\"cpus\":2,\"memory\":\"4gb\",\"gpus\":0},\"nodes\":[{\"name\":\"a\"}]}", "c.json");

        Assert.Equal([(0, true), (0, false), (2, true)], nodes.Select(n => (n.Gpus, n.GpusDeclared)));
        Assert.True(defaulted[0].GpusDeclared);
    }

    [Theory]
    [InlineData("\"gpus\":-1", "\"gpus\" must be a whole number")]
    [InlineData("\"gpus\":\"2\"", "\"gpus\" must be a whole number")]
    [InlineData("\"properties\":\"ib\"", "\"properties\" must be a list of names")]
    [InlineData("\"properties\":[\"i b\"]", "\"properties\" must be a list of names")]
    public void Parse_BadGpusOrProperties_AreRefusedWithTheFix(string field, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => ClusterFile.Parse("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\"," + field + "}]}", "c.json"));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Host_IsKeptPerNode()
    {
        var nodes = ClusterFile.Parse("{\"defaults\":{\"cpus\":1,\"memory\":\"1gb\"},\"nodes\":[{\"name\":\"a\",\"host\":\"compute-1.example\"},{\"name\":\"b\",\"host\":\"10.77.0.2\"}]}", "c.json");

        Assert.Equal(["compute-1.example", "10.77.0.2"], nodes.Select(n => n.Host));
    }

    [Fact]
    public void Parse_NoHost_IsNull() =>
        Assert.Null(ClusterFile.Parse("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\"}]}", "c.json")[0].Host);

    [Theory]
    [InlineData("{\"defaults\":{\"cpus\":1,\"memory\":\"1gb\"},\"nodes\":[{\"name\":\"a\",\"host\":\"h1\"},{\"name\":\"b\"}]}", "node a names a \"host\" but node b does not: give every node a \"host\" or none")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"host\":\"bad host\"}]}", "node a \"host\" 'bad host' is not a host name or IP address")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"host\":\"\"}]}", "node a \"host\" '' is not a host name")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"host\":\"h:2\"}]}", "'h:2' is not a host name")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"host\":\"-h\"}]}", "'-h' is not a host name")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"host\":7}]}", "'7' is not a host name")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"cpuset\":\"x\"}]}", "node a \"cpuset\": invalid CPU list 'x'")]
    [InlineData("{", "fix the JSON")]
    [InlineData("{\"nodes\":[]}", "no \"nodes\"")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":2,\"memory\":\"1gb\"},{\"name\":\"a\",\"cpus\":2,\"memory\":\"1gb\"}]}", "unique")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"memory\":\"1gb\"}]}", "cpus")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":0,\"memory\":\"1gb\"}]}", "cpus ≥ 1")]
    public void Parse_Bad_NamesTheProblem(string json, string named) =>
        Assert.Contains(named, Assert.Throws<InvalidDataException>(() => ClusterFile.Parse(json, "c.json")).Message, StringComparison.Ordinal);
}
