using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Server.Tests.Api;

/// <summary>
/// tests/corpus/DIR: malformed inputs kept as files and replayed every run (see tests/corpus/README.md). An API case
/// is the request line (<c>METHOD /path</c>) on the first line and the body, byte for byte, after it.
/// </summary>
internal static class ApiCorpus
{
    public static string Directory => CorpusDirectory.Path;

    public static TheoryData<string> Files(string dir) =>
        [.. System.IO.Directory.GetFiles(Path.Combine(Directory, dir)).Select(Path.GetFileName).Order(StringComparer.Ordinal).OfType<string>()];

    public static string Read(string dir, string file) => File.ReadAllText(Path.Combine(Directory, dir, file));
}
