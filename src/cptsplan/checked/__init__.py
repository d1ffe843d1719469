"""What checking plans gives back: the plans found (`PlanTarget`), one report per plan
(`PlanReport`) and the whole run (`CheckResult`). api.py finds and checks the plans; the
reporters, the reviewer's table and the commands read these."""
