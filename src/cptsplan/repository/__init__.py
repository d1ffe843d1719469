"""The plan repository around a plan: the skeleton `init` writes and the pinned source
its CI files install cptsplan from."""
