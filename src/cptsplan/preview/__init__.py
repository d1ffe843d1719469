"""The live preview (`cptsplan preview`): watch a plan's files, and at each save check the plan
and rewrite its PDF (and HTML) in place, keeping the last good document while the plan is broken.

watch.py says which files are watched and when a burst of saves is over; refresh.py does one
refresh (check, render with Typst's compiler kept from the previous one, atomic replace).
"""
