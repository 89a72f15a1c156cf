"""Personal data as GDPR asks: access (`subject_access`), erasure by anonymisation
(`anonymisation`), consent withdrawal and restriction (`consent`) and the retention review
(`retention`).
"""
