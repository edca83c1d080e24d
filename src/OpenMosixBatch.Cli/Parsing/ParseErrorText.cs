using CommandLine;

namespace OpenMosixBatch.Cli.Parsing;

/// <summary>One "problem: fix" line for a CommandLineParser error (it reports several; the first one is enough).</summary>
public static class ParseErrorText
{
    public static string Describe(string verb, Error error) => error switch
    {
        UnknownOptionError u => $"unknown option {Dashed(u.Token)}: see '{verb} --help' for the options",
        MissingValueOptionError m => $"option {Dashed(m.NameInfo)} needs a value: see '{verb} --help'",
        BadFormatConversionError b => $"bad value for {Dashed(b.NameInfo)}: see '{verb} --help'",
        BadFormatTokenError t => $"cannot read '{t.Token}': see '{verb} --help'",
        MissingRequiredOptionError r => r.NameInfo.NameText.Length == 0
            ? $"a required argument is missing: see '{verb} --help'"
            : $"missing {Dashed(r.NameInfo)}: see '{verb} --help'",
        SequenceOutOfRangeError s => $"wrong number of values for {Dashed(s.NameInfo)}: see '{verb} --help'",
        RepeatedOptionError r => $"option {Dashed(r.NameInfo)} given twice: give it once",
        BadVerbSelectedError v => $"unknown command '{v.Token}': use one of {string.Join(", ", ArgvDispatch.AllVerbs)}",
        NoVerbSelectedError => $"no command given: use one of {string.Join(", ", ArgvDispatch.AllVerbs)}, or 'omb --help'",
        _ => $"cannot parse the arguments ({error.Tag}): see '{verb} --help'",
    };

    private static string Dashed(NameInfo name) =>
        name.ShortName.Length > 0 ? "-" + name.ShortName
        : name.LongName.Length > 0 ? "--" + name.LongName
        : "argument";

    private static string Dashed(string token) => token.Length == 1 ? "-" + token : token.StartsWith('-') ? token : "--" + token;
}
