using Course.Cli;
using Offloading;
using Offloading.Bench;

// Chapter 06: work that does not fit in a tick, run inline, on a thread or in a worker process.
// Layout (chapter 05's Snake library runs the server; chapter 03's Pickle library carries the worker's messages):
//   Ai/Board.cs            the board copy the planner works on, and the plan it answers (worker messages)
//   Ai/PathPlanner.cs      the heavy planner: breadth-first floods per snake per move
//   Ai/AiSnakes.cs         the per-tick hook: offer the board, steer by the newest plan, meter the tick
//   Ai/TickMeter.cs        tick lateness and missed ticks
//   Offload/               IPlanSource and its three modes: InlinePlans, ThreadPlans, ProcessPlans
//                          (+ Frames: the worker pipe; WorkerLaunch: how to start this program as a worker)
//   Arena.cs               a game + loop + computer snakes without a network, for the bench and tests
//   ServerCommand.cs       the `server` verb      WorkerCommand.cs  the hidden `worker` verb
//   Bench/                 the `bench` verb       Scale/            the `scale` demo (HAProxy + Redis)

return CourseApp.Run("06-offloading", "Chapter 06: offloading work to a thread and a process", args,
    ServerCommand.Create(), BenchCommand.Create(), WorkerCommand.Create());
