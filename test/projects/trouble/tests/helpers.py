import trouble


def call_into(function_name):
    function = getattr(trouble, function_name)
    return function()
