namespace OpenMosixBatch.Tests.Shared;

/// <summary>
/// tests/corpus, found above the test assembly (the tests run from bin/, wherever the checkout is). Shared by the
/// test projects that replay the corpus (linked into each), not a product API.
/// </summary>
internal static class CorpusDirectory
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "tests", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/corpus not found above " + AppContext.BaseDirectory);
    }
}
