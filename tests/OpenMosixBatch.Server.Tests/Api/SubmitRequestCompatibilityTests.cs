using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Cluster;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>A request from a client that predates the PBS fields (mail, site pass-through) is still a whole job.</summary>
public sealed class SubmitRequestCompatibilityTests
{
    private const string Before = "{\"spec\":{\"name\":\"j\",\"queue\":\"batch\",\"script\":\"true\",\"command\":[],\"arguments\":[],\"dependencies\":[]," +
        "\"checkpoint\":{\"mode\":\"None\"},\"resources\":{\"chunks\":1,\"cpusPerChunk\":1},\"workingDirectory\":\"/w\",\"submitDirectory\":\"/w\",\"environment\":{}}}";

    private static readonly NodeSnapshot[] Nodes = [new("n1", 4, 4L << 30)];

    [Fact]
    public void Spec_WithoutTheNewerLists_ReadsThemEmpty_AndIsAccepted()
    {
        var spec = JsonSerializer.Deserialize(Before, OmbJsonContext.Default.SubmitRequest)!.Spec;

        Assert.Empty(spec.MailUsers);
        Assert.Empty(spec.IgnoredOptions);
        Assert.Empty(spec.Resources.Ignored);
        Assert.Null(SubmissionValidator.Validate(spec, Nodes, _ => null));
    }

    [Fact]
    public void Spec_WithTheNewerListsNull_ReadsThemEmpty_AndIsAccepted()
    {
        var json = Before.Replace("\"environment\":{}", "\"environment\":{},\"mailUsers\":null,\"ignoredOptions\":null", StringComparison.Ordinal)
            .Replace("\"cpusPerChunk\":1}", "\"cpusPerChunk\":1,\"ignored\":null}", StringComparison.Ordinal);
        var spec = JsonSerializer.Deserialize(json, OmbJsonContext.Default.SubmitRequest)!.Spec;

        Assert.Empty(spec.MailUsers);
        Assert.Empty(spec.Resources.Ignored);
        Assert.Null(SubmissionValidator.Validate(spec, Nodes, _ => null));
    }

    [Fact]
    public void Spec_WithANullMailEntry_IsMalformed() =>
        Assert.Contains("mailUsers", SubmissionValidator.Validate(
            JsonSerializer.Deserialize(Before.Replace("\"environment\":{}", "\"environment\":{},\"mailUsers\":[null]", StringComparison.Ordinal),
                OmbJsonContext.Default.SubmitRequest)!.Spec, Nodes, _ => null), StringComparison.Ordinal);
}
