using System.Globalization;

namespace OpenMosixBatch.Cli.Formatting;

/// <summary>PBS durations: HH:MM:SS, hours not wrapped at a day (qstat's Time Use and walltime).</summary>
public static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }

        var hours = (long)duration.TotalHours;
        return string.Create(CultureInfo.InvariantCulture, $"{hours:00}:{duration.Minutes:00}:{duration.Seconds:00}");
    }
}
