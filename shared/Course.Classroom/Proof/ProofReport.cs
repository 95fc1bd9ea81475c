using Course.Classroom.Course;

namespace Course.Classroom.Proof;

/// <summary>What the proof found, per chapter: the table CI prints and the teachers' guide explains.</summary>
public sealed class ProofReport
{
    private readonly List<ChapterProof> _rows = [];

    public IReadOnlyList<ChapterProof> Rows => _rows;
    public TimeSpan WithoutTook { get; set; }
    public TimeSpan WithTook { get; set; }
    public TimeSpan Took { get; set; }

    public ChapterProof Row(Chapter chapter, int tests = -1)
    {
        ChapterProof? row = _rows.FirstOrDefault(r => r.Chapter == chapter);
        if (row is null)
        {
            row = new ChapterProof(chapter);
            _rows.Add(row);
        }
        if (tests >= 0) row.Tests = tests;
        return row;
    }

    public void Write(TextWriter output)
    {
        output.WriteLine("chapter        exercise tests  solutions  fail without  pass with  suite tests run with them");
        foreach (ChapterProof row in _rows)
            output.WriteLine($"{row.Chapter.Name,-15}{row.Tests,14}{row.Solutions,11}{row.FailWithout,14}{row.PassWith,11}{row.SuiteTests,27}");
        output.WriteLine($"proof took {Took.TotalMinutes:0.0} min (without solutions {WithoutTook.TotalMinutes:0.0} min, with them {WithTook.TotalMinutes:0.0} min)");
    }
}

public sealed class ChapterProof(Chapter chapter)
{
    public Chapter Chapter { get; } = chapter;
    public int Tests { get; set; }
    public int Solutions { get; set; }
    public int FailWithout { get; set; }
    public int PassWith { get; set; }
    public int SuiteTests { get; set; }
}
