def date_event(*a): pass
