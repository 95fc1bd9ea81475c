namespace Offloading.Ai;

/// <summary>Turns a board into a plan. Pure: same board, same plan, no matter which thread or process.</summary>
public interface IPlanner
{
    Plan Plan(Board board);
}
