namespace Course.Classroom.Proof;

/// <param name="Chapters">Chapter numbers to prove; empty: every chapter with exercise tests.</param>
/// <param name="AllowUnproven">Chapters whose exercise tests may have no solutions yet (they are listed, not proven).</param>
/// <param name="FailFast">How quickly an exercise test must fail without its solution.</param>
/// <param name="KeepScratch">Leave the scratch copy on disk (its path is printed) to look into a failure.</param>
public sealed record ProveOptions(
    IReadOnlyList<string> Chapters,
    IReadOnlySet<string> AllowUnproven,
    TimeSpan FailFast,
    bool KeepScratch)
{
    public static readonly TimeSpan DefaultFailFast = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan TestLimit = TimeSpan.FromMinutes(15);
}
