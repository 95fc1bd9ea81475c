using Course.Cli;
using Offloading;
using Offloading.Bench;
using Offloading.Scale;

// Chapter 06: work that does not fit in a tick, run inline, on a thread or in a worker process; and
// several servers behind HAProxy sharing a chat line through Redis.
// Layout (chapter 05's Snake library runs the server; chapter 03's Pickle library carries the worker's messages):
//   Ai/Board.cs            the board copy the planner works on, and the plan it answers (worker messages)
//   Ai/PathPlanner.cs      the heavy planner: breadth-first floods per snake per move
//   Ai/AiSnakes.cs         the per-tick hook: offer the board, steer by the newest plan, meter the tick
//   Ai/TickMeter.cs        tick lateness and missed ticks
//   Offload/               IPlanSource and its three modes: InlinePlans, ThreadPlans, ProcessPlans
//                          (+ Frames: the worker pipe; WorkerLaunch: how to start this program as a worker)
//   Arena.cs               a game + loop + computer snakes without a network, for the bench and tests
//   ServerCommand.cs       the `server` verb      WorkerCommand.cs  the hidden `worker` verb
//   Bench/                 the `bench` verb
//   Scale/                 the `scale` demo: several chapter 05 servers behind HAProxy, linked by Redis
//     RedisRelay.cs          chapter 05's IServerRelay over Redis pub/sub: chat lines and scoreboards
//     HaProxyConfig.cs       the haproxy.cfg the demo writes (web sockets, leastconn, health checks)
//     ScaleCluster.cs        starts redis-server, the servers and haproxy in order; stops them all
//                            (+ RedisLaunch, HaProxyLaunch, ChildProcess, FreePort, ScaleTools: the plumbing)
//     DemoPlayer.cs          a web-socket player that chats and says which server it landed on
//     ScaleCommand.cs        the `scale` verb     ScaleServerCommand.cs  the hidden `scale-server` verb

return CourseApp.Run("chapters/06-offloading", "Chapter 06: offloading work to a thread and a process, and scaling out behind HAProxy", args,
    ServerCommand.Create(), ScaleCommand.Create(), BenchCommand.Create(), WorkerCommand.Create(), ScaleServerCommand.Create());
