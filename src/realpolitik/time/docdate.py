def document_date(a): pass
