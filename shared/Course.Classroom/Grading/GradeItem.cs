namespace Course.Classroom.Grading;

public enum ItemStatus { Pass, Fail, Error }

/// <summary>One line of a grade: an exercise, or the rest of the suite.</summary>
/// <param name="Command">The command a student runs to see this item for themselves.</param>
public sealed record GradeItem(string Name, int Score, int MaxScore, ItemStatus Status, string Message, string Command, string File, TimeSpan Took);

/// <summary>A whole grade, as printed and as written to JSON.</summary>
public sealed record Grade(string Chapter, IReadOnlyList<int> Exercises, IReadOnlyList<GradeItem> Items, string? Problem)
{
    public int Score => Items.Sum(i => i.Score);
    public int MaxScore => Items.Sum(i => i.MaxScore);

    /// <summary>"pass" when every point is earned, "error" when the work could not be graded in full (no build, out of time).</summary>
    public ItemStatus Status =>
        Problem is not null ? ItemStatus.Error : Items.All(i => i.Status == ItemStatus.Pass) ? ItemStatus.Pass : ItemStatus.Fail;
}
