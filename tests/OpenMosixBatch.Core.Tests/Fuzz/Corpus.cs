using OpenMosixBatch.Tests.Shared;

namespace OpenMosixBatch.Core.Tests.Fuzz;

/// <summary>
/// tests/corpus/PARSER/*.txt: malformed inputs kept as files, one case a file (the file's exact text is the input),
/// replayed on every run. The fuzz properties found some of them; each stays so the fix stays.
/// </summary>
public static class Corpus
{
    public static string Directory => CorpusDirectory.Path;

    /// <summary>Every (parser, file name) pair under tests/corpus for the parsers named.</summary>
    public static TheoryData<string, string> Cases(IEnumerable<string> parsers)
    {
        var data = new TheoryData<string, string>();
        foreach (var parser in parsers)
        {
            var dir = Path.Combine(Directory, parser);
            if (!System.IO.Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in System.IO.Directory.GetFiles(dir).Order(StringComparer.Ordinal))
            {
                data.Add(parser, Path.GetFileName(file));
            }
        }

        return data;
    }

    public static string Read(string parser, string file) => File.ReadAllText(Path.Combine(Directory, parser, file));
}
