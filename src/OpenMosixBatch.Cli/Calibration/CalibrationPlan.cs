using System.Globalization;
using OpenMosixBatch.Cli.Verbs;

namespace OpenMosixBatch.Cli.Calibration;

/// <summary>What <c>omb calibrate</c> measures: the ballast sizes of its jobs and how many moves of each it times.</summary>
/// <param name="SizesMib">Ballast per calibration job, in MiB: one job per size.</param>
/// <param name="Repeat">Measured moves per job, after one warm-up move.</param>
public sealed record CalibrationPlan(IReadOnlyList<int> SizesMib, int Repeat)
{
    /// <summary>Largest ballast: a checkpoint of more tells nothing a smaller one does not, and fills the store.</summary>
    public const int MaxSizeMib = 1024;

    public const int MaxRepeat = 20;

    /// <summary>The plan, or a usage error naming the wrong value and the fix.</summary>
    public static CalibrationPlan From(CalibrateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sizes = new List<int>();
        foreach (var word in options.Sizes.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var mib) || mib > MaxSizeMib)
            {
                throw CliFailureException.Usage($"--sizes: '{word}' is not a size in MiB from 0 to {MaxSizeMib}: give whole numbers, e.g. --sizes {CalibrateOptions.DefaultSizes}");
            }

            sizes.Add(mib);
        }

        if (sizes.Distinct().Count() < 2)
        {
            throw CliFailureException.Usage($"--sizes {options.Sizes}: a fit needs at least two different sizes, e.g. --sizes {CalibrateOptions.DefaultSizes}");
        }

        if (options.Repeat is < 1 or > MaxRepeat)
        {
            throw CliFailureException.Usage($"--repeat {options.Repeat}: give 1 to {MaxRepeat} moves per size");
        }

        return new CalibrationPlan([.. sizes.Distinct()], options.Repeat);
    }
}
