namespace Course.Classroom.Grading;

/// <param name="Folder">The student repository (made by <c>starter</c>).</param>
/// <param name="JsonFile">Where to write the autograding JSON, if anywhere.</param>
/// <param name="Bound">The longest the whole grade may take; null: worked out from the chapters.</param>
public sealed record GradeOptions(string Folder, string? JsonFile, TimeSpan? Bound)
{
    /// <summary>
    /// Build at most 10 minutes, then 3 minutes of tests per chapter handed out (the slowest chapter's
    /// suite takes about 1 minute on a 2-core machine): the grade of chapter 06 stops within 28 minutes.
    /// </summary>
    public static TimeSpan DefaultBound(int chapters) => TimeSpan.FromMinutes(10 + 3 * chapters);

    public static readonly TimeSpan BuildShare = TimeSpan.FromMinutes(10);
}
