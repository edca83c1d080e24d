using OpenMosixBatch.Server.Cluster;

namespace OpenMosixBatch.Server.Tests.Cluster;

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
        Assert.Contains("\"cpuset\": \"0-1\"", OpenMosixBatch.Server.World.WorldShape.ToJson(nodes), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":1,\"memory\":\"1gb\",\"cpuset\":\"x\"}]}", "node a \"cpuset\": invalid CPU list 'x'")]
    [InlineData("{", "fix the JSON")]
    [InlineData("{\"nodes\":[]}", "no \"nodes\"")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":2,\"memory\":\"1gb\"},{\"name\":\"a\",\"cpus\":2,\"memory\":\"1gb\"}]}", "unique")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"memory\":\"1gb\"}]}", "cpus")]
    [InlineData("{\"nodes\":[{\"name\":\"a\",\"cpus\":0,\"memory\":\"1gb\"}]}", "cpus ≥ 1")]
    public void Parse_Bad_NamesTheProblem(string json, string named) =>
        Assert.Contains(named, Assert.Throws<InvalidDataException>(() => ClusterFile.Parse(json, "c.json")).Message, StringComparison.Ordinal);
}
