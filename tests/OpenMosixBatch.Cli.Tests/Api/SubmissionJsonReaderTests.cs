using System.Text;
using System.Text.Json;
using OpenMosixBatch.Api.Contracts;

namespace OpenMosixBatch.Cli.Tests.Api;

/// <summary>qsub's answer reader (<see cref="SubmissionJsonReader"/>) reads, and refuses, what the API's serializer (<see cref="OmbJsonContext"/>) does.</summary>
public sealed class SubmissionJsonReaderTests
{
    [Theory]
    [InlineData("{\"id\":42,\"displayId\":\"42.vm\"}")]
    [InlineData("{\"displayId\":\"7[].vm\",\"id\":7,\"extra\":true}")]
    [InlineData(" {\"id\":1,\"nested\":{\"a\":[1,{\"b\":null}]},\"displayId\":\"1\"} \r\n")]
    [InlineData("{\"id\":5}")]
    [InlineData("{\"id\":5,\"displayId\":null}")]
    [InlineData("{\"id\":5,\"id\":6,\"displayId\":\"\\u0036\"}")]
    [InlineData("{\"ID\":5,\"DisplayId\":\"x\"}")]
    [InlineData("null")]
    public void ReadResponse_ReadsAsTheSerializerReads(string json) =>
        Assert.Equal(JsonSerializer.Deserialize(json, OmbJsonContext.Default.SubmitResponse), SubmissionJsonReader.ReadResponse(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("")]
    [InlineData("{\"id\":\"42\",\"displayId\":\"42\"}")]
    [InlineData("{\"id\":4.5}")]
    [InlineData("{\"id\":null}")]
    [InlineData("{\"id\":1,\"displayId\":7}")]
    [InlineData("{\"id\":1} x")]
    [InlineData("{\"id\":1")]
    [InlineData("[]")]
    [InlineData("42")]
    public void ReadResponse_RefusesWhatTheSerializerRefuses(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, OmbJsonContext.Default.SubmitResponse));
        Assert.ThrowsAny<JsonException>(() => SubmissionJsonReader.ReadResponse(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("{\"kind\":\"BadInput\",\"message\":\"no\"}")]
    [InlineData("{\"kind\":\"Refused\",\"message\":\"not yours\"}")]
    [InlineData("{\"kind\":\"Unavailable\",\"message\":\"later\"}")]
    [InlineData("{\"kind\":\"storagefull\",\"message\":\"disk\"}")]
    [InlineData("{\"message\":\"no kind\"}")]
    [InlineData("{\"kind\":\"BadInput\"}")]
    [InlineData("{\"kind\":\"BadInput\",\"message\":\"x\",\"detail\":[1,2]}")]
    [InlineData("{\"message\":\"caf\\u00e9\",\"kind\":\"Refused\"}")]
    [InlineData("null")]
    public void ReadError_ReadsAsTheSerializerReads(string json) =>
        Assert.Equal(JsonSerializer.Deserialize(json, OmbJsonContext.Default.ApiError), SubmissionJsonReader.ReadError(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"kind\":7,\"message\":\"a number\"}")]
    [InlineData("{\"kind\":\"7\",\"message\":\"a number as text\"}")]
    [InlineData("{\"kind\":\"NoSuchKind\",\"message\":\"x\"}")]
    [InlineData("{\"kind\":\"Refused, BadInput\",\"message\":\"x\"}")]
    [InlineData("{\"kind\":\"Refused\",\"message\":5}")]
    [InlineData("<html>502 Bad Gateway</html>")]
    [InlineData("")]
    public void ReadError_RefusesWhatTheSerializerRefuses(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, OmbJsonContext.Default.ApiError));
        Assert.ThrowsAny<JsonException>(() => SubmissionJsonReader.ReadError(Encoding.UTF8.GetBytes(json)));
    }
}
