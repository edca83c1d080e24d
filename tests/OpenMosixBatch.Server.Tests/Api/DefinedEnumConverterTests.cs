using System.Text.Json;
using OpenMosixBatch.Api.Contracts;
using OpenMosixBatch.Core.Jobs;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>The API's enums read only their members' names: a number (defined or not) or a list of names is malformed.</summary>
public sealed class DefinedEnumConverterTests
{
    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("\"7\"")]
    [InlineData("\"Hold, Release\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("\"Kill\"")]
    public void JobActionRequest_ActionNotOneOfItsNames_IsMalformed(string action) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($"{{\"action\":{action},\"ids\":[\"1\"]}}", OmbJsonContext.Default.JobActionRequest));

    [Theory]
    [InlineData("\"Delete\"", JobAction.Delete)]
    [InlineData("\"release\"", JobAction.Release)]
    public void JobActionRequest_ActionByName_IsRead(string action, JobAction expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize($"{{\"action\":{action},\"ids\":[\"1\"]}}", OmbJsonContext.Default.JobActionRequest)!.Action);

    [Fact]
    public void SubmitRequest_JoinModeAsANumber_IsMalformed() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(
            "{\"spec\":{\"name\":\"j\",\"script\":\"true\",\"workingDirectory\":\"/w\",\"submitDirectory\":\"/w\",\"join\":9}}", OmbJsonContext.Default.SubmitRequest));

    [Fact]
    public void EveryValueOfAnApiEnum_IsWrittenByNameAndReadBack()
    {
        foreach (var action in Enum.GetValues<JobAction>())
        {
            var json = JsonSerializer.Serialize(new JobActionRequest(action, ["1"]), OmbJsonContext.Default.JobActionRequest);

            Assert.Contains($"\"{action}\"", json, StringComparison.Ordinal);
            Assert.Equal(action, JsonSerializer.Deserialize(json, OmbJsonContext.Default.JobActionRequest)!.Action);
        }

        var spec = new JobSpec { Name = "j", Script = "true", WorkingDirectory = "/w", SubmitDirectory = "/w", Join = JoinMode.ErrorAndOutput };
        var read = JsonSerializer.Deserialize(JsonSerializer.Serialize(new SubmitRequest(spec), OmbJsonContext.Default.SubmitRequest), OmbJsonContext.Default.SubmitRequest)!;
        Assert.Equal(JoinMode.ErrorAndOutput, read.Spec.Join);
    }
}
