enum CIBAdminPlaceholder {}
